using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Protocol.Connector;

namespace SoKet.Bot.People;

/// <summary>
/// Whether a Teams user belongs to one of People:AdminGroupIds, asked of Microsoft Graph with the bot's own
/// client-credentials token (POST /users/{id}/checkMemberGroups,
/// https://learn.microsoft.com/graph/api/directoryobject-checkmembergroups; application permission
/// GroupMember.Read.All). Teams activities carry the user's AAD object id but never their groups.
/// </summary>
public sealed partial class EntraAdminGroups
{
    /// <summary>Named HttpClient for Graph calls.</summary>
    public const string HttpClientName = "SoKet.Graph";

    private readonly IOptions<PeopleOptions> _options;
    private readonly IHttpClientFactory _http;
    private readonly ILogger<EntraAdminGroups> _logger;
    private readonly Lazy<IConfidentialClientApplication?> _application;

    public EntraAdminGroups(IOptions<PeopleOptions> options, IOptions<BotCredentialsOptions> credentials, IOptions<ConnectorOptions> connector,
        IHttpClientFactory http, ILogger<EntraAdminGroups> logger)
    {
        _options = options;
        _http = http;
        _logger = logger;
        _application = new(() =>
        {
            var bot = credentials.Value;
            if (bot.IsLocalMode || string.IsNullOrWhiteSpace(bot.MicrosoftAppPassword) || string.IsNullOrWhiteSpace(bot.MicrosoftAppTenantId))
                return null;
            return ConfidentialClientApplicationBuilder.Create(bot.MicrosoftAppId)
                .WithClientSecret(bot.MicrosoftAppPassword)
                .WithAuthority($"{connector.Value.AuthorityHost.TrimEnd('/')}/{Uri.EscapeDataString(bot.MicrosoftAppTenantId.Trim())}")
                // The Connector's token client: same pooling, and tests trust their loopback token endpoint there.
                .WithHttpClientFactory(new Factory(http))
                .Build();
        });
    }

    /// <summary>True when groups are configured and the bot has credentials to ask the Graph.</summary>
    public bool IsConfigured => _options.Value.AdminGroupIds.Length > 0 && _application.Value is not null;

    /// <summary>True or false from the Graph; null when it could not be asked (then the last known answer stands).</summary>
    public async Task<bool?> IsMemberAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        if (!IsConfigured || !Guid.TryParse(aadObjectId, out var user))
            return null;
        var graph = new Uri(_options.Value.GraphBaseUrl.TrimEnd('/') + "/");
        try
        {
            var token = await _application.Value!.AcquireTokenForClient([$"{graph.Scheme}://{graph.Authority}/.default"]).ExecuteAsync(cancellationToken);
            using var client = _http.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(graph, $"users/{user:D}/checkMemberGroups"))
            {
                Content = JsonContent.Create(new JsonObject { ["groupIds"] = new JsonArray([.. _options.Value.AdminGroupIds.Select(g => (JsonNode)g)]) }),
            };
            request.Headers.Authorization = new("Bearer", token.AccessToken);
            using var response = await client.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogGraphRefused((int)response.StatusCode);
                return null;
            }
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            return body?["value"] is JsonArray value && value.Count > 0;
        }
        catch (Exception ex) when (ex is MsalException or HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            LogGraphFailed(ex);
            return null;
        }
    }

    private sealed class Factory(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(MsalConnectorTokenProvider.HttpClientName);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph refused the admin group check with status {Status}")]
    private partial void LogGraphRefused(int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The admin group check through Microsoft Graph failed")]
    private partial void LogGraphFailed(Exception exception);
}
