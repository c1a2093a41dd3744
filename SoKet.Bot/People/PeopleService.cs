using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Demo;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Protocol.Connector;

namespace SoKet.Bot.People;

/// <summary>
/// Finds the person behind a chat user and links them on first contact: by AAD object id, by the
/// channel user id, or — in Teams, where activities carry no e-mail — by the e-mail/UPN the
/// Connector's member lookup returns, matched against units loaded from CSV.
/// </summary>
public sealed partial class PeopleService(
    SoKetDbContext db,
    IConnectorClient connector,
    IOptions<PeopleOptions> options,
    IOptions<BotCredentialsOptions> credentials,
    IOptions<DemoOptions> demo,
    TimeProvider clock,
    ILogger<PeopleService> logger)
{
    private CurrentUser? _resolved;
    private string? _resolvedFor;

    public async Task<CurrentUser> ResolveAsync(Activity activity, CancellationToken cancellationToken)
    {
        var channelId = activity.ChannelId ?? "";
        var userId = activity.From?.Id ?? "";
        var key = channelId + "|" + userId;
        if (_resolved is not null && _resolvedFor == key)
            return _resolved;

        var person = await FindOrLinkAsync(activity, channelId, userId, cancellationToken);
        var name = person?.DisplayName ?? activity.From?.Name ?? "Đồng chí";
        var isAdmin = person?.IsAdmin == true
            || (person?.Email is { } email && options.Value.AdminEmails.Contains(email, StringComparer.OrdinalIgnoreCase))
            || (channelId == ChannelIds.WebChat && credentials.Value.IsLocalMode && options.Value.LocalWebChatUsersAreAdmins);

        IReadOnlyList<Guid> memberOf = [];
        IReadOnlyList<Guid> leaderOf = [];
        if (person is not null)
        {
            memberOf = await db.UnitMembers.Where(m => m.PersonId == person.Id).Select(m => m.UnitId).ToListAsync(cancellationToken);
            leaderOf = await db.Units.Where(u => u.LeaderPersonId == person.Id).Select(u => u.Id).ToListAsync(cancellationToken);
        }

        _resolvedFor = key;
        return _resolved = new CurrentUser(person?.Id, name, person?.Email, isAdmin, memberOf, leaderOf);
    }

    private async Task<Person?> FindOrLinkAsync(Activity activity, string channelId, string userId, CancellationToken cancellationToken)
    {
        if (userId.Length == 0)
            return null;
        var aad = activity.From?.AadObjectId;
        var person = await db.People.FirstOrDefaultAsync(p =>
            (p.ChannelId == channelId && p.ChannelUserId == userId) || (aad != null && p.AadObjectId == aad), cancellationToken);
        if (person is not null)
        {
            if (person.ChannelUserId != userId || person.ChannelId != channelId)
                await LinkAsync(person, channelId, userId, aad, activity.From?.Name, cancellationToken);
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
                    await LinkAsync(person, channelId, userId, aad, activity.From?.Name, cancellationToken);
                    return person;
                }
            }
        }

        if (channelId == ChannelIds.WebChat && demo.Value.Enabled)
            return await JoinDemoUnitAsync(channelId, userId, activity.From?.Name, cancellationToken);
        return null;
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

    private async Task LinkAsync(Person person, string channelId, string userId, string? aad, string? name, CancellationToken cancellationToken)
    {
        person.ChannelId = channelId;
        person.ChannelUserId = userId;
        person.AadObjectId ??= aad;
        person.DisplayName ??= name;
        person.LinkedAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        LogLinked(person.Id, channelId);
    }

    /// <summary>Demo mode: every web chat user drafts for the demo unit, so the drafting flow can be tried at once.</summary>
    private async Task<Person?> JoinDemoUnitAsync(string channelId, string userId, string? name, CancellationToken cancellationToken)
    {
        var unit = await db.Units
            .Where(u => u.Name == demo.Value.MemberUnitName)
            .Join(db.Campaigns.Where(c => c.Status == CampaignStatus.Open), u => u.CampaignId, c => c.Id, (u, c) => u)
            .FirstOrDefaultAsync(cancellationToken);
        if (unit is null)
            return null;
        var person = new Person
        {
            Id = Guid.NewGuid(),
            DisplayName = string.IsNullOrWhiteSpace(name) ? "Đồng chí (web chat)" : name,
            ChannelId = channelId,
            ChannelUserId = userId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            LinkedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.People.Add(person);
        db.UnitMembers.Add(new UnitMember { UnitId = unit.Id, PersonId = person.Id, Role = MemberRole.Drafter });
        await db.SaveChangesAsync(cancellationToken);
        return person;
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
