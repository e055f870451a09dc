namespace IngestWorker.Operations;

/// <summary>The <c>Metrics</c> section: OpenTelemetry export of the <c>IngestWorker</c> meter, off unless an endpoint is set.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>OTLP receiver, e.g. <c>http://127.0.0.1:4318/v1/metrics</c> (http/protobuf) or <c>http://127.0.0.1:4317</c> (grpc); empty: no export.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>http/protobuf</c> or <c>grpc</c>.</summary>
    public string OtlpProtocol { get; set; } = "http/protobuf";

    /// <summary>How often the meter's values are sent.</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromMinutes(1);
}
