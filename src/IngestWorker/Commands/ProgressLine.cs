namespace IngestWorker.Commands;

/// <summary>
/// "verb: 300/1,000 documents" on standard error, about every hundred documents and at the end;
/// written synchronously, so it never trails the command's closing line.
/// </summary>
internal sealed class ProgressLine(string verb, int total = 0) : IProgress<int>, IProgress<(int Done, int Total)>
{
    private const int Every = 100;
    private int _total = total;
    private int _shown;

    public void Report(int value)
    {
        if (value == _shown || (value / Every == _shown / Every && value != _total))
        {
            return;
        }

        _shown = value;
        Console.Error.WriteLine($"{verb}: {value:N0}/{_total:N0} documents");
    }

    public void Report((int Done, int Total) value)
    {
        _total = value.Total;
        Report(value.Done);
    }
}
