using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Protocol.Connector;
using SoKet.Bot.Tests.Infrastructure;
using static SoKet.Bot.Tests.Protocol.Connector.ConnectorTestHost;

namespace SoKet.Bot.Tests.Protocol.Connector;

/// <summary>
/// The real MSAL client-credentials flow against a loopback token endpoint. MSAL rejects http authorities
/// ("The authority must use HTTPS scheme"), so the endpoint serves TLS with a throw-away certificate that only
/// MSAL's HttpClient trusts.
/// </summary>
public sealed class ConnectorTokenTests : IAsyncLifetime
{
    private const string AppId = "00000000-0000-0000-0000-0000000000a1";
    private const string TenantId = "11111111-2222-3333-4444-555555555555";
    private const string Chat = "a:1token-chat";

    private LoopbackConnector connector = null!;
    private LoopbackTokenEndpoint tokens = null!;

    public async Task InitializeAsync()
    {
        connector = await LoopbackConnector.StartAsync();
        tokens = await LoopbackTokenEndpoint.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await connector.DisposeAsync();
        await tokens.DisposeAsync();
    }

    private Task<IHost> StartWithCredentialsAsync()
    {
        var settings = FastRetries();
        settings["MicrosoftAppId"] = AppId;
        settings["MicrosoftAppPassword"] = "app-secret";
        settings["MicrosoftAppTenantId"] = TenantId;
        settings["Connector:AuthorityHost"] = tokens.AuthorityHost;
        return StartAsync(settings, services => services
            .AddHttpClient(MsalConnectorTokenProvider.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(tokens.CreateTrustingHandler));
    }

    [Fact]
    public async Task With_credentials_a_bearer_token_from_the_bots_tenant_is_attached_and_cached()
    {
        using var host = await StartWithCredentialsAsync();

        await host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "một"), default);
        await host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "hai"), default);

        Assert.All(connector.Requests, r => Assert.Equal("Bearer loopback-token-1", r.Authorization));
        var request = Assert.Single(tokens.Requests);
        Assert.Equal(TenantId, request.Tenant);
        Assert.Equal("client_credentials", request.Form["grant_type"]);
        Assert.Equal(AppId, request.Form["client_id"]);
        Assert.Equal("app-secret", request.Form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", request.Form["scope"]);
    }

    [Fact]
    public async Task A_token_close_to_expiry_is_renewed_before_use()
    {
        // MSAL does not hand out a cached token with less than five minutes left.
        tokens.TokenLifetime = TimeSpan.FromMinutes(4);
        using var host = await StartWithCredentialsAsync();

        await host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "một"), default);
        await host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "hai"), default);

        Assert.Equal(["Bearer loopback-token-1", "Bearer loopback-token-2"], connector.Requests.Select(r => r.Authorization));
        Assert.Equal(2, tokens.Requests.Count);
    }

    [Fact]
    public async Task The_token_is_never_sent_over_plain_http_to_a_remote_host()
    {
        using var host = await StartWithCredentialsAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            host.Client().SendToConversationAsync(Message("http://smba.example.invalid/amer/", Chat, "x"), default));
    }

    [Fact]
    public async Task Local_mode_uses_no_token_provider_at_all()
    {
        using var host = await StartAsync(FastRetries());

        Assert.Same(NullConnectorTokenProvider.Instance, host.Services.GetRequiredService<IConnectorTokenProvider>());
        await host.Client().SendToConversationAsync(Message(connector.ServiceUrl, Chat, "x"), default);
        Assert.Null(Assert.Single(connector.Requests).Authorization);
    }

    [Fact]
    public async Task With_credentials_the_msal_provider_is_used()
    {
        using var host = await StartWithCredentialsAsync();

        Assert.IsType<MsalConnectorTokenProvider>(host.Services.GetRequiredService<IConnectorTokenProvider>());
    }

    [Theory]
    [InlineData("MicrosoftAppPassword", "")]
    [InlineData("MicrosoftAppTenantId", "")]
    [InlineData("MicrosoftAppTenantId", "botframework.com")]
    [InlineData("MicrosoftAppTenantId", "common")]
    [InlineData("Connector:AuthorityHost", "http://login.microsoftonline.com")]
    [InlineData("Connector:AuthorityHost", "https://login.microsoftonline.com/tenant")]
    [InlineData("Connector:Scope", "https://api.botframework.com")]
    [InlineData("Connector:Retry:MaxAttempts", "0")]
    [InlineData("Connector:Retry:BaseDelay", "00:01:00")]
    [InlineData("Connector:Retry:AttemptTimeout", "00:00:00")]
    [InlineData("Connector:Timeout", "00:00:01")]
    public async Task Invalid_configuration_fails_the_start(string key, string value)
    {
        var settings = FastRetries();
        settings["MicrosoftAppId"] = AppId;
        settings["MicrosoftAppPassword"] = "app-secret";
        settings["MicrosoftAppTenantId"] = TenantId;
        settings[key] = value;
        using var host = Build(settings);

        await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Fact]
    public void Credentials_already_bound_by_inbound_auth_are_not_bound_twice()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AllowedTenantIds:0"] = TenantId })
            .Build();
        var services = new ServiceCollection();
        services.Configure<BotCredentialsOptions>(configuration);

        services.AddConnector(configuration);

        using var provider = services.BuildServiceProvider();
        Assert.Equal([TenantId], provider.GetRequiredService<IOptions<BotCredentialsOptions>>().Value.AllowedTenantIds);
    }

    [Fact]
    public async Task Defaults_are_valid()
    {
        using var host = Build(new Dictionary<string, string?>());

        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<ConnectorOptions>>().Value;
        Assert.Equal("https://login.microsoftonline.com", options.AuthorityHost);
        Assert.Equal("https://api.botframework.com/.default", options.Scope);
        await host.StopAsync();
    }
}
