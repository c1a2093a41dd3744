using System.ClientModel;
using System.Diagnostics;

namespace SoKet.Bot.Telemetry;

/// <summary>
/// One call to the drafting model as a span ("soket.model.call") and points of <see cref="SoKetTelemetry.ModelCalls"/>
/// and <see cref="SoKetTelemetry.ModelDuration"/>. Tags: the provider and model of the configuration, streaming or
/// not, the outcome and the token counts — never the prompt or the answer, which hold the unit's text.
/// </summary>
public sealed class ModelCall : IDisposable
{
    private readonly Activity? _span;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly string _provider;
    private string _outcome = "error";

    private ModelCall(string provider, string model, bool streaming)
    {
        _provider = provider;
        _span = SoKetTelemetry.Source.StartActivity("soket.model.call", ActivityKind.Client);
        _span?.SetTag("gen_ai.system", provider);
        _span?.SetTag("gen_ai.request.model", model);
        _span?.SetTag("soket.model.streaming", streaming);
    }

    public static ModelCall Start(string provider, string model, bool streaming) => new(provider, model, streaming);

    public void Succeed(int? inputTokens, int? outputTokens)
    {
        _outcome = "ok";
        _span?.SetTag("gen_ai.usage.input_tokens", inputTokens);
        _span?.SetTag("gen_ai.usage.output_tokens", outputTokens);
    }

    /// <summary>Classifies a failure as it passes; always false, for use as an exception filter that catches nothing.</summary>
    public bool Failed(Exception exception)
    {
        _outcome = exception switch
        {
            ClientResultException { Status: 429 } => "throttled",
            ClientResultException { Status: >= 400 } => "http_error",
            OperationCanceledException or TimeoutException => "timeout",
            _ => "unreachable",
        };
        _span?.SetTag("error.type", exception.GetType().Name);
        return false;
    }

    public void Dispose()
    {
        var tags = new TagList { { "gen_ai.system", _provider }, { "soket.outcome", _outcome } };
        SoKetTelemetry.ModelCalls.Add(1, tags);
        SoKetTelemetry.ModelDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        if (_span is not null)
        {
            _span.SetTag("soket.outcome", _outcome);
            if (_outcome != "ok")
                _span.SetStatus(ActivityStatusCode.Error);
            _span.Dispose();
        }
    }
}
