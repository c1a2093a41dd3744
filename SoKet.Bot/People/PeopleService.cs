using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Protocol.Connector;

namespace SoKet.Bot.People;

/// <summary>
/// Finds the person behind a chat user and links them on first contact: by the channel user id, by AAD object
/// id, or — in Teams, where activities carry no e-mail — by the e-mail/UPN the Connector's member lookup
/// returns. Links are staged in the store with the turn, never saved here.
/// </summary>
public sealed partial class PeopleService(
    SoKetDbContext db,
    IConnectorClient connector,
    IOptions<PeopleOptions> options,
    IOptions<BotCredentialsOptions> credentials,
    TimeProvider clock,
    ILogger<PeopleService> logger)
{
    public async Task<Person?> FindOrLinkAsync(Activity activity, CancellationToken cancellationToken)
    {
        var channelId = activity.ChannelId ?? "";
        var userId = activity.From?.Id ?? "";
        if (userId.Length == 0)
            return null;
        var aad = activity.From?.AadObjectId;
        // Two query shapes rather than one with "aad != null" inside: EF compiles a query with a parameter
        // test like that anew on every call.
        var person = aad is null
            ? await db.People.FirstOrDefaultAsync(p => p.ChannelId == channelId && p.ChannelUserId == userId, cancellationToken)
            : await db.People.FirstOrDefaultAsync(p => (p.ChannelId == channelId && p.ChannelUserId == userId) || p.AadObjectId == aad, cancellationToken);
        if (person is not null)
        {
            if (person.ChannelUserId != userId || person.ChannelId != channelId)
                Link(person, channelId, userId, aad, activity.From?.Name);
            return person;
        }

        if (channelId == ChannelIds.Teams && activity.ServiceUrl is { } serviceUrl && activity.Conversation?.Id is { } conversationId)
        {
            var email = await LookUpEmailAsync(serviceUrl, conversationId, userId, cancellationToken);
            if (email is not null)
            {
                person = await db.People.FirstOrDefaultAsync(p => p.Email == email, cancellationToken);
                if (person is not null)
                {
                    Link(person, channelId, userId, aad, activity.From?.Name);
                    return person;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Office staff: flagged in the store, or named in People:AdminEmails, or — in local mode only, where
    /// nobody signs in — the web chat's single local operator.
    /// </summary>
    public bool IsAdmin(Person? person, string? channelId) =>
        person?.IsAdmin == true
        || (person?.Email is { } email && options.Value.AdminEmails.Contains(email, StringComparer.OrdinalIgnoreCase))
        || (channelId == ChannelIds.WebChat && credentials.Value.IsLocalMode && options.Value.LocalWebChatUsersAreAdmins);

    /// <summary>Stages a new person for a chat user with no entry yet (the demo's web chat users).</summary>
    public Person Create(Activity activity, string fallbackName)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var person = new Person
        {
            Id = Guid.NewGuid(),
            DisplayName = string.IsNullOrWhiteSpace(activity.From?.Name) ? fallbackName : activity.From.Name,
            ChannelId = activity.ChannelId,
            ChannelUserId = activity.From?.Id,
            AadObjectId = activity.From?.AadObjectId,
            CreatedAtUtc = now,
            LinkedAtUtc = now,
        };
        db.People.Add(person);
        return person;
    }

    private async Task<string?> LookUpEmailAsync(string serviceUrl, string conversationId, string userId, CancellationToken cancellationToken)
    {
        try
        {
            var member = await connector.GetConversationMemberAsync(serviceUrl, conversationId, userId, cancellationToken);
            var email = member.Email ?? member.UserPrincipalName;
            return string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or TaskCanceledException)
        {
            // Not fatal: the user is treated as unknown this turn and linking is tried again next time.
            LogLookupFailed(ex);
            return null;
        }
    }

    private void Link(Person person, string channelId, string userId, string? aad, string? name)
    {
        person.ChannelId = channelId;
        person.ChannelUserId = userId;
        person.AadObjectId ??= aad;
        person.DisplayName ??= name;
        person.LinkedAtUtc ??= clock.GetUtcNow().UtcDateTime;
        LogLinked(person.Id, channelId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Linked person {PersonId} to their {ChannelId} identity")]
    private partial void LogLinked(Guid personId, string channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking up the Teams member's e-mail failed")]
    private partial void LogLookupFailed(Exception exception);
}

public static class PeopleServiceCollectionExtensions
{
    public static IServiceCollection AddPeople(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PeopleOptions>().Bind(configuration.GetSection(PeopleOptions.Section)).ValidateOnStart();
        services.AddScoped<PeopleService>();
        return services;
    }
}
