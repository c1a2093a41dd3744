using SoKet.Bot.Campaigns;
using Microsoft.Extensions.Options;
using SoKet.Bot.Drafting;

namespace SoKet.Bot.Tests.Drafting;

public sealed class AiOptionsTests
{
    [Theory]
    [InlineData("OpenAICompatible", null, "key", "m", "Ai:Endpoint is required for an OpenAI-compatible server")]
    [InlineData("OpenAICompatible", "http://10.0.0.5:8000/v1/", null, null, "Ai:Model (or Ai:Deployment for Azure OpenAI) is required")]
    [InlineData("AzureOpenAI", "http://my-resource.openai.azure.com/", "key", "gpt-4o", "Ai:Endpoint must be the resource's https address")]
    [InlineData("AzureOpenAI", "https://my-resource.openai.azure.com/openai/deployments/gpt-4o", "key", "gpt-4o", "Ai:Endpoint must be the resource root or its v1 API")]
    [InlineData("AzureOpenAI", "https://my-resource.openai.azure.com/", null, "gpt-4o", "Ai:ApiKey is required for Azure OpenAI")]
    [InlineData("OpenAI", null, null, "gpt-4o-mini", "Ai:ApiKey is required for OpenAI")]
    public async Task A_misconfigured_provider_stops_the_host_with_a_clear_message(string provider, string? endpoint, string? key, string? model, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Ai:Provider"] = provider,
            ["Ai:Endpoint"] = endpoint,
            ["Ai:ApiKey"] = key,
            ["Ai:Model"] = model,
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => DraftingHost.StartAsync(settings));

        Assert.Contains(error.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Ai:Timeout", "00:00:00.500", "Ai:Timeout must be between")]
    [InlineData("Ai:MaxInputChars", "100", "Ai:MaxInputChars must be between")]
    [InlineData("Ai:MaxOutputTokens", "10", "Ai:MaxOutputTokens must be between")]
    [InlineData("Ai:PromptVersion", "v99", "Ai:PromptVersion 'v99' lacks prompt files")]
    [InlineData("Ai:PromptVersion", "../v1", "Ai:PromptVersion '../v1' lacks prompt files")]
    public async Task Limits_and_the_prompt_version_are_checked_on_start(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Ai:Provider"] = "OpenAICompatible",
            ["Ai:Endpoint"] = "http://127.0.0.1:9/v1/",
            ["Ai:Model"] = "local-model",
            [key] = value,
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => DraftingHost.StartAsync(settings));

        Assert.Contains(error.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_Ai_section_the_host_starts_with_the_deterministic_drafter()
    {
        await using var host = await DraftingHost.StartAsync(new Dictionary<string, string?>());

        Assert.IsType<DeterministicSectionSuggester>(host.Suggester);
    }

    [Theory]
    [InlineData(AiProvider.AzureOpenAI, "https://my-resource.openai.azure.com", "https://my-resource.openai.azure.com/openai/v1/")]
    [InlineData(AiProvider.AzureOpenAI, "https://my-resource.openai.azure.com/openai/v1", "https://my-resource.openai.azure.com/openai/v1/")]
    [InlineData(AiProvider.OpenAICompatible, "http://10.0.0.5:8000/v1", "http://10.0.0.5:8000/v1/")]
    public void Endpoints_resolve_to_the_address_chat_completions_is_appended_to(AiProvider provider, string endpoint, string expected) =>
        Assert.Equal(expected, new AiOptions { Provider = provider, Endpoint = endpoint }.ResolvedEndpoint()!.ToString());

    [Fact]
    public void The_shipped_prompt_files_are_complete_Vietnamese_and_fill_every_placeholder()
    {
        var library = new PromptLibrary();
        Assert.Empty(library.MissingFiles("v1"));

        var prompt = PromptBuilder.Build(library.Get("v1"), SampleUnit.Request(SectionPurpose.Lessons, "III. Bài học kinh nghiệm"), 12_000);

        Assert.DoesNotContain("{{", prompt.User);
        Assert.Contains("Đây là mục \"Bài học kinh nghiệm\"", prompt.User);
        Assert.Contains("không \"bệnh thành tích\"", prompt.System);
        Assert.True(prompt.System.IsNormalized(System.Text.NormalizationForm.FormC) && prompt.User.IsNormalized(System.Text.NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("I. Hạn chế, khuyết điểm", SectionPurpose.Shortcomings)]
    [InlineData("2.1. Nguyên nhân khách quan", SectionPurpose.ObjectiveCauses)]
    [InlineData("2.2. Nguyen nhan chu quan", SectionPurpose.SubjectiveCauses)]
    [InlineData("II. Nguyên nhân", SectionPurpose.Causes)]
    [InlineData("III. BÀI HỌC KINH NGHIỆM", SectionPurpose.Lessons)]
    [InlineData("Đánh giá chung", SectionPurpose.OverallAssessment)]
    [InlineData("B. KẾT QUẢ ĐẠT ĐƯỢC", null)]
    [InlineData("1. Nguyên nhân của những kết quả", null)]
    public void Outline_headings_map_to_section_purposes(string heading, SectionPurpose? purpose) =>
        Assert.Equal(purpose, SectionPurposes.FromHeading(heading));
}
