using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Auth;

namespace SoKet.Bot.Tests.Protocol.Auth;

public sealed class AuthOptionsTests
{
    private const string AppId = AuthHarness.AppId;
    private const string TenantId = AuthHarness.TenantId;

    private static readonly Dictionary<string, string?> Registered = new()
    {
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "secret",
        ["MicrosoftAppTenantId"] = TenantId,
    };

    [Fact]
    public void Local_mode_starts_with_the_bot_framework_authority_only()
    {
        using var services = Build([]);

        ValidateOnStart(services);

        var options = services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
        var authority = Assert.Single(options.Authorities);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", authority.MetadataUrl);
        Assert.Equal(["https://api.botframework.com"], authority.Issuers);
        Assert.True(authority.RequireEndorsement);
        Assert.True(services.GetRequiredService<IOptions<BotCredentialsOptions>>().Value.IsLocalMode);
        Assert.NotNull(services.GetRequiredService<IInboundAuthenticator>());
    }

    [Fact]
    public void Tenant_adds_the_entra_authority_of_that_tenant()
    {
        using var services = Build(With(Registered, ("MicrosoftAppTenantId", TenantId.ToUpperInvariant())));

        ValidateOnStart(services);

        var authorities = services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value.Authorities;
        Assert.Equal(2, authorities.Count);
        var entra = authorities[1];
        Assert.Equal($"https://login.microsoftonline.com/{TenantId}/v2.0/.well-known/openid-configuration", entra.MetadataUrl);
        Assert.Equal([$"https://sts.windows.net/{TenantId}/", $"https://login.microsoftonline.com/{TenantId}/v2.0"], entra.Issuers);
        Assert.False(entra.RequireEndorsement);
    }

    [Fact]
    public void Configured_authorities_and_channels_replace_the_defaults()
    {
        using var services = Build(With(Registered,
            ("BotAuthentication:Authorities:0:MetadataUrl", "https://login.example.org/.well-known/openid-configuration"),
            ("BotAuthentication:Authorities:0:Issuers:0", "https://issuer.example.org"),
            ("BotAuthentication:AllowedChannelIds:0", ChannelIds.Teams),
            ("BotAuthentication:ClockSkew", "00:02:00")));

        ValidateOnStart(services);

        var options = services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
        var authority = Assert.Single(options.Authorities);
        Assert.Equal("https://issuer.example.org", Assert.Single(authority.Issuers));
        Assert.Equal([ChannelIds.Teams], options.AllowedChannelIds);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ClockSkew);
    }

    [Theory]
    [InlineData("http://localhost:5000/.well-known/openidconfiguration")]
    [InlineData("http://127.0.0.1:5000/.well-known/openidconfiguration")]
    [InlineData("http://[::1]:5000/.well-known/openidconfiguration")]
    public void Plain_http_metadata_is_accepted_on_loopback(string metadataUrl)
    {
        using var services = Build(With(Registered,
            ("BotAuthentication:Authorities:0:MetadataUrl", metadataUrl),
            ("BotAuthentication:Authorities:0:Issuers:0", "https://api.botframework.com")));

        ValidateOnStart(services);
    }

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "MicrosoftAppId", "my-bot", "MicrosoftAppId must be a GUID" },
        { "MicrosoftAppPassword", "", "MicrosoftAppPassword is required when MicrosoftAppId is set" },
        { "MicrosoftAppTenantId", "", "MicrosoftAppTenantId must be set for a single-tenant bot" },
        { "MicrosoftAppTenantId", "contoso.onmicrosoft.com", "MicrosoftAppTenantId must be a GUID" },
        { "AllowedTenantIds:0", "contoso", "AllowedTenantIds:0 must be a tenant GUID" },
        { "BotAuthentication:MinimumRefreshInterval", "2.00:00:00", "BotAuthentication:MinimumRefreshInterval must be more than zero and at most" },
        { "BotAuthentication:MinimumRefreshInterval", "00:00:00", "BotAuthentication:MinimumRefreshInterval must be more than zero" },
        { "BotAuthentication:ClockSkew", "01:00:00", "ClockSkew" },
        { "BotAuthentication:KeyRefreshInterval", "7.00:00:00", "KeyRefreshInterval" },
        { "BotAuthentication:AllowedChannelIds:0", " ", "BotAuthentication:AllowedChannelIds must not contain an empty channel id" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Bad_setting_fails_on_start_with_a_clear_message(string key, string value, string expectedMessage)
    {
        using var services = Build(With(Registered, (key, value)));

        Assert.Contains(ValidationMessages(services), m => m.Contains(expectedMessage, StringComparison.Ordinal));
    }

    [Fact]
    public void Password_without_app_id_fails()
    {
        using var services = Build(new() { ["MicrosoftAppPassword"] = "secret" });

        Assert.Contains(ValidationMessages(services), m => m.StartsWith("MicrosoftAppId is required when MicrosoftAppPassword is set", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://login.example.org/.well-known/openidconfiguration")]
    [InlineData("/.well-known/openidconfiguration")]
    [InlineData("")]
    [InlineData("ftp://login.example.org/metadata")]
    public void Metadata_url_that_is_not_absolute_https_fails(string metadataUrl)
    {
        using var services = Build(With(Registered,
            ("BotAuthentication:Authorities:0:MetadataUrl", metadataUrl),
            ("BotAuthentication:Authorities:0:Issuers:0", "https://api.botframework.com")));

        Assert.Contains(ValidationMessages(services),
            m => m.StartsWith("BotAuthentication:Authorities:0:MetadataUrl must be an absolute https URL", StringComparison.Ordinal));
    }

    [Fact]
    public void Authority_without_issuers_fails()
    {
        using var services = Build(With(Registered,
            ("BotAuthentication:Authorities:0:MetadataUrl", "https://login.example.org/metadata")));

        Assert.Contains(ValidationMessages(services),
            m => m.StartsWith("BotAuthentication:Authorities:0:Issuers must list at least one token issuer", StringComparison.Ordinal));
    }

    [Fact]
    public void Issuer_listed_by_two_authorities_fails()
    {
        using var services = Build(With(Registered,
            ("BotAuthentication:Authorities:0:MetadataUrl", "https://a.example.org/metadata"),
            ("BotAuthentication:Authorities:0:Issuers:0", "https://issuer.example.org"),
            ("BotAuthentication:Authorities:1:MetadataUrl", "https://b.example.org/metadata"),
            ("BotAuthentication:Authorities:1:Issuers:0", "https://issuer.example.org")));

        Assert.Contains(ValidationMessages(services),
            m => m.StartsWith("BotAuthentication:Authorities:1:Issuers repeats 'https://issuer.example.org'", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        using var services = Build(new() { ["MicrosoftAppId"] = "my-bot" });

        var messages = ValidationMessages(services);

        Assert.Contains(messages, m => m.StartsWith("MicrosoftAppId must be a GUID", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("MicrosoftAppPassword is required", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("MicrosoftAppTenantId must be set", StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddBotAuthentication(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, params (string Key, string? Value)[] overrides)
    {
        var result = new Dictionary<string, string?>(settings);
        foreach (var (key, value) in overrides)
        {
            result[key] = value;
        }

        return result;
    }

    /// <summary>What ValidateOnStart does when the host starts.</summary>
    private static void ValidateOnStart(ServiceProvider services) =>
        services.GetRequiredService<IStartupValidator>().Validate();

    private static List<string> ValidationMessages(ServiceProvider services)
    {
        var exception = Assert.ThrowsAny<Exception>(() => ValidateOnStart(services));
        var failures = exception is AggregateException aggregate ? aggregate.InnerExceptions : [exception];
        return failures.Select(Assert.IsType<OptionsValidationException>).SelectMany(e => e.Failures).ToList();
    }
}
