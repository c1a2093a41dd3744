using System.ClientModel;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using OpenAI.Chat;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting.Synthesis;

/// <summary>
/// A section's synthesis from the configured language model (the drafting suggestions' provider and settings),
/// grounded by <see cref="SynthesisGrounding"/>: an answer with a figure the units did not report (or did not report
/// for the unit it is attributed to) is regenerated once, then its offending sentences are dropped. Any provider
/// problem, or nothing grounded left, falls back to <see cref="OfflineSynthesizer"/>, so every section gets a draft.
/// </summary>
public sealed partial class ModelSectionSynthesizer : ISectionSynthesizer
{
    /// <summary>A unit's text is not cut below this: past it, fewer units go to the model rather than shreds of all.</summary>
    public const int MinUnitChars = 300;

    private const string ShortenedMark = " […]";

    private readonly AiOptions options;
    private readonly SynthesisPrompts prompts;
    private readonly OfflineSynthesizer offline;
    private readonly TimeProvider time;
    private readonly ILogger<ModelSectionSynthesizer> logger;
    private readonly ChatClient chat;

    public ModelSectionSynthesizer(
        IOptions<AiOptions> options, SynthesisPrompts prompts, OfflineSynthesizer offline, IHttpClientFactory httpClients, TimeProvider time,
        ILogger<ModelSectionSynthesizer> logger)
    {
        this.options = options.Value;
        this.prompts = prompts;
        this.offline = offline;
        this.time = time;
        this.logger = logger;
        chat = ChatClientFactory.Create(this.options, httpClients.CreateClient(OpenAiSuggestionService.HttpClientName));
    }

    public string? Model => options.EffectiveModel;

    public async Task<SectionSynthesis> SynthesizeAsync(SynthesisRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = request.Normalized();
        if (input.Contributions.Count == 0)
            return offline.Synthesize(input);

        var started = time.GetTimestamp();
        var (data, sent) = UnitsData(input, options.MaxInputChars);
        TokenUsage? tokens = null;
        var calls = 0;
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var set = prompts.Get(options.PromptVersion);
            var grounding = SynthesisGrounding.For(input);
            List<ChatMessage> messages =
            [
                new SystemChatMessage(set.System),
                new UserChatMessage(PromptLibrary.Fill(set.Task, new Dictionary<string, string>
                {
                    ["section_title"] = PromptBuilder.Data(input.SectionTitle),
                    ["issuer"] = PromptBuilder.Data(input.Issuer),
                    ["campaign_title"] = PromptBuilder.Data(input.CampaignTitle),
                    ["section_guidance"] = string.IsNullOrWhiteSpace(input.SectionGuidance) ? "không có" : PromptBuilder.Data(input.SectionGuidance),
                    ["units_data"] = data,
                })),
            ];

            var answer = await AskAsync(messages, budget.Token);
            if (answer.Text.Length == 0)
                return Fallback(input, "EmptyAnswer", sent, tokens, started, calls);
            var report = grounding.Check(answer.Text);
            if (!report.IsGrounded)
            {
                LogRegenerating(logger, report.Ungrounded.Count);
                messages.Add(new AssistantChatMessage(answer.Text));
                messages.Add(new UserChatMessage(PromptLibrary.Fill(set.Regenerate, new Dictionary<string, string>
                {
                    ["unsupported_figures"] = string.Join(", ", report.UnsupportedFigures),
                })));
                try
                {
                    var retry = await AskAsync(messages, budget.Token);
                    if (retry.Text.Length > 0)
                        report = grounding.Check(retry.Text);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // A second chance, not a requirement: the first answer minus its ungrounded sentences still serves.
                    LogModelFailure(logger, Classify(exception), (exception as ClientResultException)?.Status ?? 0, exception.GetType().Name);
                }
            }

            var text = report.IsGrounded ? report.Text : report.GroundedText.Trim();
            if (text.Length == 0)
                return Fallback(input, "Ungrounded", sent, tokens, started, calls);
            LogSynthesis(logger, report.IsGrounded ? "Model" : "SentencesDropped", options.EffectiveModel, options.PromptVersion, sent, input.Contributions.Count,
                data.Length, calls, tokens?.Input ?? 0, tokens?.Output ?? 0, report.Ungrounded.Count, (long)time.GetElapsedTime(started).TotalMilliseconds);
            return new SectionSynthesis
            {
                Text = text,
                Source = SuggestionSource.Model,
                DroppedSentences = [.. report.Ungrounded.Select(u => u.Text)],
                UnitsSent = sent,
                UnitsTotal = input.Contributions.Count,
                Tokens = tokens,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            var failure = Classify(exception);
            LogModelFailure(logger, failure, (exception as ClientResultException)?.Status ?? 0, exception.GetType().Name);
            return Fallback(input, failure, sent, tokens, started, calls);
        }

        // One answer, honouring one short Retry-After on a 429: a background job can wait a few seconds.
        async Task<(string Text, bool Truncated)> AskAsync(IReadOnlyList<ChatMessage> messages, CancellationToken ct)
        {
            for (var attempt = 1; ; attempt++)
            {
                calls++;
                try
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(messages, CompletionOptions(), ct);
                    if (completion.Usage is { } usage)
                        tokens = (tokens ?? new TokenUsage(0, 0, 0)) + new TokenUsage(usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount);
                    var raw = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
                    var truncated = completion.FinishReason == ChatFinishReason.Length;
                    var cleaned = raw.Replace("```", "", StringComparison.Ordinal);
                    return (TextLines.Normalize(truncated ? Sentences.CompletePart(cleaned) : cleaned), truncated);
                }
                catch (ClientResultException throttled) when (throttled.Status == 429 && attempt == 1 && RetryAfter(throttled) is { } wait)
                {
                    await Task.Delay(wait, time, ct);
                }
            }
        }
    }

    private SectionSynthesis Fallback(SynthesisRequest input, string failure, int sent, TokenUsage? tokens, long started, int calls)
    {
        LogSynthesis(logger, "Fallback" + failure, options.EffectiveModel, options.PromptVersion, sent, input.Contributions.Count, 0, calls,
            tokens?.Input ?? 0, tokens?.Output ?? 0, 0, (long)time.GetElapsedTime(started).TotalMilliseconds);
        return offline.Synthesize(input) with { Fallback = failure, Tokens = tokens };
    }

    /// <summary>
    /// The units' texts as delimited data, each under its name, within <paramref name="maxChars"/>: the longest texts
    /// are cut first, to a common length, at sentence ends; when even <see cref="MinUnitChars"/> each would not fit,
    /// only the first units that fit are sent (the offline quotes and the units' own texts in the document cover all).
    /// </summary>
    internal static (string Data, int UnitsSent) UnitsData(SynthesisRequest input, int maxChars)
    {
        var units = input.Contributions.Select(c => (Title: "### " + PromptBuilder.Data(c.UnitName), Text: PromptBuilder.Data(c.Text))).ToList();
        var overhead = units.Sum(u => u.Title.Length + 3);
        var maxUnits = Math.Max(1, maxChars / (MinUnitChars + 80));
        if (units.Count > maxUnits)
        {
            units = units.Take(maxUnits).ToList();
            overhead = units.Sum(u => u.Title.Length + 3);
        }

        var budget = Math.Max(0, maxChars - overhead);
        var share = CommonLength(units.Select(u => u.Text.Length).ToList(), budget);
        var data = new StringBuilder();
        foreach (var (title, text) in units)
            data.Append(title).Append('\n').Append(text.Length <= share ? text : Shorten(text, share)).Append("\n\n");
        var result = data.ToString().TrimEnd();
        return (result.Length <= maxChars ? result : result[..maxChars], units.Count);
    }

    /// <summary>The largest length L such that every text cut to L fits the budget (int.MaxValue when all fit whole).</summary>
    private static int CommonLength(List<int> lengths, int budget)
    {
        if (lengths.Sum() <= budget)
            return int.MaxValue;
        var ordered = lengths.Order().ToList();
        var remaining = budget;
        for (var i = 0; i < ordered.Count; i++)
        {
            var share = remaining / (ordered.Count - i);
            if (ordered[i] > share)
                return share;
            remaining -= ordered[i];
        }
        return int.MaxValue;
    }

    /// <summary>Whole sentences while they fit, those with figures first, in the unit's order.</summary>
    private static string Shorten(string text, int limit)
    {
        var room = limit - ShortenedMark.Length;
        if (room <= 0)
            return "";
        var sentences = Sentences.Split(text).Select(s => s.Text).ToList();
        var keep = new bool[sentences.Count];
        var used = 0;
        foreach (var withFigures in new[] { true, false })
        {
            for (var i = 0; i < sentences.Count; i++)
            {
                if (keep[i] || sentences[i].Any(char.IsAsciiDigit) != withFigures || used + sentences[i].Length + 1 > room)
                    continue;
                keep[i] = true;
                used += sentences[i].Length + 1;
            }
        }
        var kept = string.Join(' ', sentences.Where((_, i) => keep[i]));
        return (kept.Length > 0 ? kept : text[..room]) + ShortenedMark;
    }

    private ChatCompletionOptions CompletionOptions()
    {
        var completion = new ChatCompletionOptions { MaxOutputTokenCount = options.MaxOutputTokens, Temperature = options.Temperature };
        // As for suggestions: many on-premises servers honour only the older max_tokens.
        if (options.Provider == AiProvider.OpenAICompatible)
        {
#pragma warning disable SCME0001
            completion.Patch.Set("$.max_tokens"u8, options.MaxOutputTokens);
#pragma warning restore SCME0001
        }
        return completion;
    }

    private TimeSpan? RetryAfter(ClientResultException throttled)
    {
        var headers = throttled.GetRawResponse()?.Headers;
        TimeSpan? wait = null;
        if (headers?.TryGetValue("retry-after-ms", out var ms) == true && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis))
            wait = TimeSpan.FromMilliseconds(millis);
        else if (headers?.TryGetValue("Retry-After", out var value) == true && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            wait = TimeSpan.FromSeconds(seconds);
        return wait is { } delay && delay >= TimeSpan.Zero && delay <= options.MaxRetryAfter ? delay : null;
    }

    private static string Classify(Exception exception) => exception switch
    {
        OperationCanceledException or TimeoutException => "Timeout",
        ClientResultException { Status: 429 } => "Throttled",
        ClientResultException { Status: >= 400 } => "HttpError",
        ClientResultException { Status: 0 } or HttpRequestException or IOException => "Unreachable",
        _ => "InvalidAnswer",
    };

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "Synthesis of a consolidated section: outcome {Outcome}, model {Model}, prompt {PromptVersion}, {UnitsSent}/{Units} units sent, " +
                  "data {DataChars} chars, {Calls} model calls, tokens {InputTokens} in / {OutputTokens} out, {DroppedSentences} sentences dropped, {ElapsedMs} ms")]
    private static partial void LogSynthesis(
        ILogger logger, string outcome, string model, string promptVersion, int unitsSent, int units, int dataChars, int calls,
        int inputTokens, int outputTokens, int droppedSentences, long elapsedMs);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Synthesis model call failed: {Failure} (HTTP {Status}, {ExceptionType})")]
    private static partial void LogModelFailure(ILogger logger, string failure, int status, string exceptionType);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Synthesis answer had {Sentences} ungrounded sentences; regenerating once")]
    private static partial void LogRegenerating(ILogger logger, int sentences);
}
