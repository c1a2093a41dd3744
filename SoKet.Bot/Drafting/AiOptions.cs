using Microsoft.Extensions.Options;

namespace SoKet.Bot.Drafting;

public enum AiProvider
{
    /// <summary>No model: suggestions come from the deterministic drafter.</summary>
    None,

    /// <summary>api.openai.com (or Endpoint), key sent as "Authorization: Bearer".</summary>
    OpenAI,

    /// <summary>Azure OpenAI through its v1 API (https://{resource}.openai.azure.com/openai/v1/); Model is the deployment name.</summary>
    AzureOpenAI,

    /// <summary>Any server speaking the OpenAI chat-completions API (vLLM, llama.cpp, Ollama, LM Studio…) at Endpoint; key optional.</summary>
    OpenAICompatible,
}

/// <summary>The language model for drafting suggestions. Section "Ai".</summary>
public sealed class AiOptions
{
    public const string Section = "Ai";

    public AiProvider Provider { get; set; } = AiProvider.None;

    /// <summary>
    /// Base address of the API, the part before "chat/completions": for Azure OpenAI the resource
    /// (https://my-resource.openai.azure.com/, "openai/v1/" is appended) or its v1 address; for a compatible server
    /// its OpenAI root, usually ending in "/v1/" (http://10.0.0.5:8000/v1/); for OpenAI optional.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Required for OpenAI and Azure OpenAI, optional for a compatible server (no Authorization header without it).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Model name (OpenAI, compatible server) or deployment name (Azure OpenAI); <see cref="Deployment"/> is an alias.</summary>
    public string? Model { get; set; }

    /// <summary>Azure OpenAI's word for <see cref="Model"/>.</summary>
    public string? Deployment { get; set; }

    /// <summary>Budget of one suggestion's model work, both attempts and any throttling wait included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest Retry-After honoured on a 429; a longer one falls back to the deterministic drafter at once.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Characters of the unit's data sent to the model (the fixed instructions are not counted); longest sections are shortened first.</summary>
    public int MaxInputChars { get; set; } = 12_000;

    /// <summary>Cap of the model's answer, in tokens.</summary>
    public int MaxOutputTokens { get; set; } = 1_200;

    /// <summary>Optional sampling temperature; leave empty for models that accept none (reasoning models).</summary>
    public float? Temperature { get; set; }

    /// <summary>Folder under Drafting/Prompts/ holding the prompt files.</summary>
    public string PromptVersion { get; set; } = "v1";

    /// <summary>The model or deployment the requests name.</summary>
    public string EffectiveModel => (string.IsNullOrWhiteSpace(Model) ? Deployment : Model)?.Trim() ?? "";

    /// <summary>
    /// The endpoint the client calls: Azure OpenAI's resource root gains "openai/v1/"; every endpoint ends in "/" so
    /// "chat/completions" is appended rather than replacing the last segment. Null for OpenAI's default.
    /// </summary>
    public Uri? ResolvedEndpoint()
    {
        if (string.IsNullOrWhiteSpace(Endpoint))
            return null;
        var text = Endpoint.Trim();
        if (!text.EndsWith('/'))
            text += "/";
        var uri = new Uri(text, UriKind.Absolute);
        return Provider == AiProvider.AzureOpenAI && uri.AbsolutePath == "/" ? new Uri(uri, "openai/v1/") : uri;
    }
}

internal sealed class AiOptionsValidator(PromptLibrary prompts) : IValidateOptions<AiOptions>
{
    private const string S = AiOptions.Section;

    public ValidateOptionsResult Validate(string? name, AiOptions options)
    {
        if (options.Provider == AiProvider.None)
            return ValidateOptionsResult.Success;

        var errors = new List<string>();
        var hasKey = !string.IsNullOrWhiteSpace(options.ApiKey);

        if (options.EffectiveModel.Length == 0)
            errors.Add($"{S}:Model (or {S}:Deployment for Azure OpenAI) is required when {S}:Provider is {options.Provider}.");
        if (!string.IsNullOrWhiteSpace(options.Model) && !string.IsNullOrWhiteSpace(options.Deployment) && options.Model.Trim() != options.Deployment.Trim())
            errors.Add($"{S}:Model and {S}:Deployment disagree; set only one.");

        switch (options.Provider)
        {
            case AiProvider.OpenAI:
                if (!hasKey)
                    errors.Add($"{S}:ApiKey is required for OpenAI.");
                if (!string.IsNullOrWhiteSpace(options.Endpoint) && !IsHttpUrl(options.Endpoint, httpsOnly: true))
                    errors.Add($"{S}:Endpoint must be an absolute https URL.");
                break;
            case AiProvider.AzureOpenAI:
                if (!hasKey)
                    errors.Add($"{S}:ApiKey is required for Azure OpenAI.");
                if (!IsHttpUrl(options.Endpoint, httpsOnly: true))
                    errors.Add($"{S}:Endpoint must be the resource's https address, e.g. https://my-resource.openai.azure.com/.");
                else if (options.ResolvedEndpoint()!.AbsolutePath.TrimEnd('/') != "/openai/v1")
                    errors.Add($"{S}:Endpoint must be the resource root or its v1 API (…/openai/v1/); deployment URLs with api-version are not used.");
                break;
            case AiProvider.OpenAICompatible:
                if (!IsHttpUrl(options.Endpoint, httpsOnly: false))
                    errors.Add($"{S}:Endpoint is required for an OpenAI-compatible server, e.g. http://10.0.0.5:8000/v1/.");
                break;
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(10))
            errors.Add($"{S}:Timeout must be between 1 second and 10 minutes.");
        if (options.MaxRetryAfter < TimeSpan.Zero || options.MaxRetryAfter >= options.Timeout)
            errors.Add($"{S}:MaxRetryAfter must be at least zero and shorter than {S}:Timeout.");
        if (options.MaxInputChars is < 1_000 or > 500_000)
            errors.Add($"{S}:MaxInputChars must be between 1000 and 500000.");
        if (options.MaxOutputTokens is < 64 or > 32_000)
            errors.Add($"{S}:MaxOutputTokens must be between 64 and 32000.");
        if (options.Temperature is < 0 or > 2)
            errors.Add($"{S}:Temperature must be between 0 and 2.");
        if (prompts.MissingFiles(options.PromptVersion) is { Count: > 0 } missing)
            errors.Add($"{S}:PromptVersion '{options.PromptVersion}' lacks prompt files: {string.Join(", ", missing)}.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string? value, bool httpsOnly) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttps || (!httpsOnly && uri.Scheme == Uri.UriSchemeHttp)) &&
        uri.Query.Length == 0 && uri.Fragment.Length == 0;
}
