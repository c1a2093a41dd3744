using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;

namespace SoKet.Bot.Drafting;

/// <summary>
/// One <see cref="ChatClient"/> of the official OpenAI package for every provider: OpenAI as is; Azure OpenAI through
/// its v1 API (…/openai/v1/), which takes the deployment name as the model and, like OpenAI, the key as a bearer token
/// (https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle); a compatible server at its endpoint,
/// with no Authorization header when it needs no key. The SDK's own retries are off: <see cref="OpenAiSuggestionService"/>
/// decides what a 429 or a failure means for a user waiting on a card.
/// </summary>
internal static class ChatClientFactory
{
    // The SDK requires a credential; for a keyless server this placeholder is stripped before the request leaves.
    private const string NoKey = "no-key";

    public static ChatClient Create(AiOptions options, HttpClient http)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.ResolvedEndpoint(),
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.Timeout,
            // The SDK could log request bodies; they hold the unit's text.
            ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false, EnableMessageContentLogging = false },
            UserAgentApplicationId = "SoKet",
        };

        var hasKey = !string.IsNullOrWhiteSpace(options.ApiKey);
        if (!hasKey)
            clientOptions.AddPolicy(new StripAuthorization(), PipelinePosition.BeforeTransport);

        return new ChatClient(options.EffectiveModel, new ApiKeyCredential(hasKey ? options.ApiKey!.Trim() : NoKey), clientOptions);
    }

    /// <summary>On-premises servers are often open on the local network; a made-up key would only confuse their logs.</summary>
    private sealed class StripAuthorization : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Remove("Authorization");
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            message.Request.Headers.Remove("Authorization");
            return ProcessNextAsync(message, pipeline, currentIndex);
        }
    }
}
