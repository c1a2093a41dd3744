using SoKet.Bot.Campaigns;
using System.ClientModel;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using OpenAI.Chat;
using SoKet.Bot.Drafting.Grounding;

namespace SoKet.Bot.Drafting;

/// <summary>
/// Suggestions from a language model (OpenAI, Azure OpenAI, or an OpenAI-compatible server), grounded in the
/// request: an answer with a figure the inputs lack is regenerated once, then its offending sentences are dropped and
/// the user told. Any provider problem — timeout, HTTP error, a long 429, an empty or malformed answer — falls back to
/// <see cref="DeterministicDrafter"/> with a one-line notice, so the button always yields a draft.
/// </summary>
public sealed partial class OpenAiSuggestionService : ISectionSuggester
{
    public const string HttpClientName = "SoKet.Drafting";

    private const string FallbackTail = "; dưới đây là bản gợi ý soạn tự động từ số liệu và nội dung của đơn vị.";

    private readonly AiOptions options;
    private readonly PromptLibrary prompts;
    private readonly DeterministicDrafter drafter;
    private readonly TimeProvider time;
    private readonly ILogger<OpenAiSuggestionService> logger;
    private readonly ChatClient chat;

    public OpenAiSuggestionService(
        IOptions<AiOptions> options,
        PromptLibrary prompts,
        DeterministicDrafter drafter,
        IHttpClientFactory httpClients,
        TimeProvider time,
        ILogger<OpenAiSuggestionService> logger)
    {
        this.options = options.Value;
        this.prompts = prompts;
        this.drafter = drafter;
        this.time = time;
        this.logger = logger;
        chat = ChatClientFactory.Create(this.options, httpClients.CreateClient(HttpClientName));
    }

    public async Task<Suggestion> SuggestAsync(DraftingRequest request, Action<string>? onPartial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new Run(request.Normalized(), time.GetTimestamp());
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await SuggestFromModelAsync(run, onPartial, budget.Token, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            var failure = Classify(exception);
            LogModelFailure(logger, failure, (exception as ClientResultException)?.Status ?? 0, exception.GetType().Name);
            return Fallback(run, failure);
        }
    }

    private async Task<Suggestion> SuggestFromModelAsync(Run run, Action<string>? onPartial, CancellationToken budget, CancellationToken caller)
    {
        var set = prompts.Get(options.PromptVersion);
        var prompt = PromptBuilder.Build(set, run.Input, options.MaxInputChars);
        run.DataChars = prompt.DataChars;
        run.ShortenedSections = prompt.ShortenedSections;
        var facts = GroundingFacts.From(run.Input);
        var partials = onPartial is null ? null : new PartialText(onPartial, facts, logger);
        List<ChatMessage> messages = [new SystemChatMessage(prompt.System), new UserChatMessage(prompt.User)];

        var answer = await AskAsync(run, messages, partials, budget);
        if (answer.Length == 0)
            throw new EmptyAnswerException();

        var report = GroundingChecker.Check(answer, facts);
        if (!report.IsGrounded)
        {
            run.Regenerated = true;
            LogRegenerating(logger, report.Ungrounded.Count);
            messages.Add(new AssistantChatMessage(answer));
            messages.Add(new UserChatMessage(PromptLibrary.Fill(set.Regenerate, new Dictionary<string, string>
            {
                ["unsupported_figures"] = string.Join(", ", report.UnsupportedFigures),
            })));
            var retry = await TryAskAgainAsync(run, messages, partials, budget, caller);
            if (retry.Length > 0)
                report = GroundingChecker.Check(retry, facts);
        }

        var notices = new List<string>();
        var text = report.Text;
        if (!report.IsGrounded)
        {
            text = report.GroundedText;
            if (text.Length == 0)
                return Fallback(run, Failure.Ungrounded);
            notices.Add($"Đã lược bỏ {report.Ungrounded.Count} câu có số liệu không có trong dữ liệu của đơn vị; đồng chí kiểm tra lại trước khi sử dụng.");
        }

        var outcome = report.IsGrounded ? (run.Regenerated ? "Regenerated" : "Model") : "SentencesDropped";
        LogSuggestion(run, outcome, report.Ungrounded.Count);
        return new Suggestion
        {
            Text = text,
            Source = SuggestionSource.Model,
            Notices = notices,
            DroppedSentences = [.. report.Ungrounded.Select(u => u.Text)],
            Model = options.EffectiveModel,
            PromptVersion = options.PromptVersion,
            Tokens = run.Tokens,
        };
    }

    /// <summary>The regeneration is a second chance, not a requirement: if it fails, the first answer minus its ungrounded sentences still serves.</summary>
    private async Task<string> TryAskAgainAsync(
        Run run, List<ChatMessage> messages, PartialText? partials, CancellationToken budget, CancellationToken caller)
    {
        try
        {
            return await AskAsync(run, messages, partials, budget);
        }
        catch (Exception exception) when (!caller.IsCancellationRequested)
        {
            LogModelFailure(logger, Classify(exception), (exception as ClientResultException)?.Status ?? 0, exception.GetType().Name);
            return "";
        }
    }

    /// <summary>One answer, honouring one short Retry-After on a 429; a long one is not waited for (the user is waiting).</summary>
    private async Task<string> AskAsync(Run run, IReadOnlyList<ChatMessage> messages, PartialText? partials, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            run.Attempts++;
            using var call = Telemetry.ModelCall.Start(options.Provider.ToString(), options.EffectiveModel, streaming: partials is not null);
            try
            {
                var answer = partials is null
                    ? await CompleteAsync(messages, cancellationToken)
                    : await StreamAsync(messages, partials, cancellationToken);
                call.Succeed(answer.Usage?.Input, answer.Usage?.Output);
                run.Tokens = answer.Usage is null ? run.Tokens : (run.Tokens ?? new TokenUsage(0, 0, 0)) + answer.Usage;
                var text = Clean(answer.Text, answer.Truncated);
                partials?.Complete(text);
                return text;
            }
            catch (Exception exception) when (call.Failed(exception))
            {
                throw; // never reached: Failed records the outcome and returns false
            }
            catch (ClientResultException throttled) when (throttled.Status == 429 && attempt == 1 && ShortRetryAfter(run, throttled) is { } wait)
            {
                LogThrottled(logger, (long)wait.TotalMilliseconds);
                await Task.Delay(wait, time, cancellationToken);
            }
        }
    }

    private async Task<Answer> CompleteAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        ChatCompletion completion = await chat.CompleteChatAsync(messages, CompletionOptions(), cancellationToken);
        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        return new Answer(text, Usage(completion.Usage), completion.FinishReason == ChatFinishReason.Length);
    }

    private async Task<Answer> StreamAsync(IReadOnlyList<ChatMessage> messages, PartialText partials, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        TokenUsage? usage = null;
        var truncated = false;
        await foreach (var update in chat.CompleteChatStreamingAsync(messages, CompletionOptions(), cancellationToken))
        {
            var before = text.Length;
            foreach (var part in update.ContentUpdate)
            {
                if (part.Kind == ChatMessageContentPartKind.Text)
                    text.Append(part.Text);
            }

            usage = Usage(update.Usage) ?? usage;
            truncated |= update.FinishReason == ChatFinishReason.Length;
            if (text.Length > before)
                partials.Offer(text.ToString());
        }

        return new Answer(text.ToString(), usage, truncated);
    }

    private ChatCompletionOptions CompletionOptions()
    {
        var completion = new ChatCompletionOptions { MaxOutputTokenCount = options.MaxOutputTokens, Temperature = options.Temperature };
        // The SDK sends OpenAI's max_completion_tokens; many on-premises servers still honour only the older max_tokens.
        // JsonPatch is marked experimental; the package version is pinned, so a change would surface at build time.
        if (options.Provider == AiProvider.OpenAICompatible)
        {
#pragma warning disable SCME0001
            completion.Patch.Set("$.max_tokens"u8, options.MaxOutputTokens);
#pragma warning restore SCME0001
        }
        return completion;
    }

    private TimeSpan? ShortRetryAfter(Run run, ClientResultException throttled)
    {
        var headers = throttled.GetRawResponse()?.Headers;
        TimeSpan? wait = null;
        if (headers?.TryGetValue("retry-after-ms", out var ms) == true && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis))
            wait = TimeSpan.FromMilliseconds(millis);
        else if (headers?.TryGetValue("Retry-After", out var value) == true)
        {
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                wait = TimeSpan.FromSeconds(seconds);
            else if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until))
                wait = until - time.GetUtcNow();
        }

        if (wait is not { } delay)
            return null;
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        var left = options.Timeout - time.GetElapsedTime(run.Started);
        return delay <= options.MaxRetryAfter && delay < left ? delay : null;
    }

    private Suggestion Fallback(Run run, Failure failure)
    {
        var draft = drafter.Draft(run.Input);
        LogSuggestion(run, "Fallback" + failure, 0);
        return new Suggestion
        {
            Text = draft.Text,
            Source = SuggestionSource.Deterministic,
            Notices = [FallbackNotice(failure), .. draft.Notices],
            Model = options.EffectiveModel,
            PromptVersion = options.PromptVersion,
            Tokens = run.Tokens,
        };
    }

    private static string FallbackNotice(Failure failure) => failure switch
    {
        Failure.Timeout => "Mô hình AI không trả lời trong thời gian cho phép" + FallbackTail,
        Failure.Throttled => "Dịch vụ AI đang quá tải" + FallbackTail,
        Failure.EmptyAnswer => "Mô hình AI không trả về nội dung" + FallbackTail,
        Failure.InvalidAnswer => "Phản hồi của dịch vụ AI không hợp lệ" + FallbackTail,
        Failure.Ungrounded => "Gợi ý của mô hình AI dùng số liệu không có trong dữ liệu của đơn vị nên không được sử dụng" + FallbackTail,
        _ => "Dịch vụ AI đang gặp sự cố" + FallbackTail,
    };

    private static Failure Classify(Exception exception) => exception switch
    {
        OperationCanceledException or TimeoutException => Failure.Timeout,
        EmptyAnswerException => Failure.EmptyAnswer,
        ClientResultException { Status: 429 } => Failure.Throttled,
        ClientResultException { Status: >= 400 } => Failure.HttpError,
        ClientResultException { InnerException: OperationCanceledException or TimeoutException } => Failure.Timeout,
        ClientResultException { Status: 0 } or HttpRequestException or IOException => Failure.Unreachable,
        _ => Failure.InvalidAnswer,
    };

    /// <summary>Trims the answer; when the model hit the output cap, drops the sentence it was cut off in.</summary>
    private static string Clean(string text, bool truncated)
    {
        var cleaned = text.Replace("```", "", StringComparison.Ordinal);
        if (truncated)
            cleaned = Sentences.CompletePart(cleaned);
        return TextLines.Normalize(cleaned);
    }

    private static TokenUsage? Usage(ChatTokenUsage? usage) =>
        usage is null ? null : new TokenUsage(usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount);

    private void LogSuggestion(Run run, string outcome, int dropped) =>
        LogSuggestionCore(
            logger, run.Input.Purpose, outcome, options.Provider, options.EffectiveModel, options.PromptVersion, run.DataChars, run.ShortenedSections,
            run.Attempts, run.Tokens?.Input ?? 0, run.Tokens?.Output ?? 0, run.Tokens?.Total ?? 0, dropped, (long)time.GetElapsedTime(run.Started).TotalMilliseconds);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Drafting suggestion for {Purpose}: outcome {Outcome}, provider {Provider}, model {Model}, prompt {PromptVersion}, " +
                  "data {DataChars} chars ({ShortenedSections} sections shortened), {Attempts} model calls, " +
                  "tokens {InputTokens} in / {OutputTokens} out / {TotalTokens} total, {DroppedSentences} sentences dropped, {ElapsedMs} ms")]
    private static partial void LogSuggestionCore(
        ILogger logger, SectionPurpose purpose, string outcome, AiProvider provider, string model, string promptVersion, int dataChars, int shortenedSections,
        int attempts, int inputTokens, int outputTokens, int totalTokens, int droppedSentences, long elapsedMs);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Drafting model call failed: {Failure} (HTTP {Status}, {ExceptionType})")]
    private static partial void LogModelFailure(ILogger logger, Failure failure, int status, string exceptionType);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Drafting answer had {Sentences} ungrounded sentences; regenerating once")]
    private static partial void LogRegenerating(ILogger logger, int sentences);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Drafting model throttled (429); retrying after {RetryAfterMs} ms")]
    private static partial void LogThrottled(ILogger logger, long retryAfterMs);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Drafting partial-text callback failed ({ExceptionType}); streaming previews stopped")]
    private static partial void LogPartialFailed(ILogger logger, string exceptionType);

    private enum Failure
    {
        Timeout,
        Throttled,
        HttpError,
        Unreachable,
        EmptyAnswer,
        InvalidAnswer,
        Ungrounded,
    }

    private sealed record Answer(string Text, TokenUsage? Usage, bool Truncated);

    private sealed class EmptyAnswerException() : Exception("The model returned no text.");

    /// <summary>The state of one suggestion, for the log line.</summary>
    private sealed class Run(DraftingRequest input, long started)
    {
        public DraftingRequest Input { get; } = input;
        public long Started { get; } = started;
        public int DataChars { get; set; }
        public int ShortenedSections { get; set; }
        public int Attempts { get; set; }
        public bool Regenerated { get; set; }
        public TokenUsage? Tokens { get; set; }
    }

    /// <summary>
    /// Feeds the streaming callback: the settled sentences so far whose figures are grounded, each call extending the
    /// previous one, so a user never sees an invented figure flash by and Teams' streamed message only grows.
    /// </summary>
    private sealed class PartialText(Action<string> onPartial, GroundingFacts facts, ILogger logger)
    {
        private string shown = "";
        private bool broken;

        public void Offer(string textSoFar) => Show(TextLines.Normalize(Sentences.CompletePart(textSoFar)));

        public void Complete(string text) => Show(text);

        private void Show(string settled)
        {
            if (settled.Length <= shown.Length)
                return;
            var grounded = GroundingChecker.Check(settled, facts).GroundedText;
            if (grounded.Length <= shown.Length || !grounded.StartsWith(shown, StringComparison.Ordinal))
                return;
            shown = grounded;
            if (broken)
                return;
            try
            {
                onPartial(grounded);
            }
            catch (Exception exception)
            {
                // A failing preview (say, Teams refusing a streaming update) must not cost the user the suggestion itself.
                broken = true;
                LogPartialFailed(logger, exception.GetType().Name);
            }
        }
    }
}
