using IngestWorker.Commands;
using IngestWorker.Hosting;

namespace IngestWorker.Tests.Support;

/// <summary>Starts the service on a content root that must be refused, and returns what the user is told.</summary>
public static class StartFailure
{
    public static async Task<string> MessageAsync(string contentRoot)
    {
        using var host = ServiceHost.CreateBuilder(null, contentRoot).ForService().Build();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        return HostRunner.Describe(error) ?? throw new InvalidOperationException("not described: " + error, error);
    }
}
