using IngestWorker.Core.Storage;
using Quartz;

namespace IngestWorker.Scheduling;

/// <summary>Keeps LiteDB's log file from growing without bound in a long-running process.</summary>
[DisallowConcurrentExecution]
internal sealed class CheckpointJob(FigureStore store) : IJob
{
    public static readonly JobKey Key = new("checkpoint", "store");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        store.Checkpoint();
        return ValueTask.CompletedTask;
    }
}
