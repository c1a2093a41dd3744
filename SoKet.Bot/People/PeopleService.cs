using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Protocol.Connector;

namespace SoKet.Bot.People;

/// <summary>
/// Finds the person behind a chat user and links them on first contact: by the channel user id, by AAD object
/// id, or — in Teams, where activities carry no e-mail — by the e-mail/UPN the Connector's member lookup
/// returns; a Teams user with an e-mail nobody registered yet becomes a Person then (so People:AdminEmails work
/// on the first day, before any unit list is loaded). A signed-in web chat user is found by the person id the
/// server put in their user id. Links are staged in the store with the turn, never saved here.
/// </summary>
public sealed partial class PeopleService(
    SoKetDbContext db,
    IConnectorClient connector,
    IOptions<PeopleOptions> options,
    LocalMode localMode,
    EntraAdminGroups groups,
    TimeProvider clock,
    ILogger<PeopleService> logger)
{
    // Every turn looks its sender up: compiled once, the lookup skips EF Core's per-call expression walk and cache
    // lookup. Two query shapes rather than one with "aad != null" inside: EF compiles a query with a parameter test
    // like that anew on every call.
    private static readonly Func<SoKetDbContext, string, string, CancellationToken, Task<Person?>> ByChannelUser =
        EF.CompileAsyncQuery((SoKetDbContext db, string channelId, string userId, CancellationToken _) =>
            db.Set<Person>().FirstOrDefault(p => p.ChannelId == channelId && p.ChannelUserId == userId));

    private static readonly Func<SoKetDbContext, string, string, string, CancellationToken, Task<Person?>> ByChannelUserOrAad =
        EF.CompileAsyncQuery((SoKetDbContext db, string channelId, string userId, string aad, CancellationToken _) =>
            db.Set<Person>().FirstOrDefault(p => (p.ChannelId == channelId && p.ChannelUserId == userId) || p.AadObjectId == aad));

    public async Task<Person?> FindOrLinkAsync(Activity activity, CancellationToken cancellationToken)
    {
        var channelId = activity.ChannelId ?? "";
        var userId = activity.From?.Id ?? "";
        if (userId.Length == 0)
            return null;

        // Someone signed in to the built-in web chat: the server itself put their person id in the user id.
        if (WebChatPersonIds.TryParse(userId, out var signedIn))
        {
            if (channelId != ChannelIds.WebChat || !WebChatPersonIds.IsBuiltInWebChat(activity))
                return null; // the same shape from any other channel (Azure's Direct Line lets a client pick its id) proves nothing
            var found = await db.People.FirstOrDefaultAsync(p => p.Id == signedIn, cancellationToken);
            // Proactive messages follow the channel a person is linked to: a Teams user who also opens the browser
            // keeps getting them in Teams; someone who only uses the web chat gets them there.
            if (found is not null && found.ChannelId is null)
                Link(found, channelId, userId, null, found.DisplayName);
            return found;
        }

        var aad = activity.From?.AadObjectId;
        var person = aad is null
            ? await ByChannelUser(db, channelId, userId, cancellationToken)
            : await ByChannelUserOrAad(db, channelId, userId, aad, cancellationToken);
        if (person is not null)
        {
            if (person.ChannelUserId != userId || person.ChannelId != channelId)
                Link(person, channelId, userId, aad, activity.From?.Name);
            await RefreshGroupsAsync(person, cancellationToken);
            return person;
        }

        if (channelId == ChannelIds.Teams && activity.ServiceUrl is { } serviceUrl && activity.Conversation?.Id is { } conversationId)
        {
            var member = await LookUpMemberAsync(serviceUrl, conversationId, userId, cancellationToken);
            if (member is { Email: { } email } known)
            {
                person = await db.People.FirstOrDefaultAsync(p => p.Email == email, cancellationToken);
                if (person is not null)
                    Link(person, channelId, userId, aad, activity.From?.Name);
                else
                    person = CreateFromTeams(activity, email, known.Name);
                await RefreshGroupsAsync(person, cancellationToken);
                return person;
            }
        }
        return null;
    }

    /// <summary>
    /// Admins: flagged in the store (named in chat or on the command line), named in People:AdminEmails, members of
    /// an admin group (People:AdminGroupIds), or — in local mode only, where nobody signs in — the web chat's single
    /// local operator.
    /// </summary>
    public bool IsAdmin(Person? person, Activity activity) =>
        IsAdmin(person)
        || (IsLocalOperator(activity) && options.Value.LocalWebChatUsersAreAdmins);

    public bool IsAdmin(Person? person) =>
        person?.IsAdmin == true
        || IsConfiguredAdmin(person?.Email)
        || (person?.IsGroupAdmin == true && options.Value.AdminGroupIds.Length > 0);

    /// <summary>
    /// The office staff in the store, by the same rule as <see cref="IsAdmin(Person?)"/>: flagged, named in
    /// People:AdminEmails, or members of People:AdminGroupIds. Who hears of a submission and gets the daily summary.
    /// </summary>
    public static IQueryable<Person> Office(IQueryable<Person> people, PeopleOptions options)
    {
        var emails = options.AdminEmails.Select(PersonEmail.Normalize).OfType<string>().ToList();
        var groups = options.AdminGroupIds.Length > 0;
        return people.Where(p => p.IsAdmin || (p.Email != null && emails.Contains(p.Email)) || (groups && p.IsGroupAdmin));
    }

    /// <summary>Named in People:AdminEmails: an admin whom only the configuration can remove.</summary>
    public bool IsConfiguredAdmin(string? email) =>
        email is not null && options.Value.AdminEmails.Any(a => string.Equals(PersonEmail.Normalize(a), email, StringComparison.Ordinal));

    /// <summary>The person at this machine, in local mode: the only web chat user there is.</summary>
    public bool IsLocalOperator(Activity activity) =>
        localMode.IsActive && activity.ChannelId == ChannelIds.WebChat && WebChatPersonIds.IsBuiltInWebChat(activity)
        && activity.From?.Id == LocalMode.WebChatOperatorId;

    /// <summary>Stages a new person for a chat user with no entry yet (the demo's web chat user).</summary>
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

    /// <summary>
    /// The person with this e-mail, staged new when there is none (an admin named in chat, an account created
    /// before the person ever talked to the bot, someone signing in through OpenID Connect the first time).
    /// </summary>
    public async Task<Person> FindOrCreateByEmailAsync(string email, string? displayName, CancellationToken cancellationToken)
    {
        var person = db.ChangeTracker.Entries<Person>().Select(e => e.Entity).FirstOrDefault(p => p.Email == email)
            ?? await db.People.FirstOrDefaultAsync(p => p.Email == email, cancellationToken);
        if (person is not null)
        {
            if (string.IsNullOrWhiteSpace(person.DisplayName) && !string.IsNullOrWhiteSpace(displayName))
                person.DisplayName = displayName.Trim();
            return person;
        }
        person = new Person
        {
            Id = Guid.NewGuid(),
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.People.Add(person);
        LogCreatedByEmail(person.Id);
        return person;
    }

    /// <summary>A Teams user seen for the first time, known by the e-mail/UPN the Connector returned: a Person from now on.</summary>
    private Person CreateFromTeams(Activity activity, string email, string? memberName)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var person = new Person
        {
            Id = Guid.NewGuid(),
            Email = email,
            DisplayName = !string.IsNullOrWhiteSpace(memberName) ? memberName : activity.From?.Name,
            ChannelId = activity.ChannelId,
            ChannelUserId = activity.From?.Id,
            AadObjectId = activity.From?.AadObjectId,
            CreatedAtUtc = now,
            LinkedAtUtc = now,
        };
        db.People.Add(person);
        LogFirstContact(person.Id);
        return person;
    }

    /// <summary>Teams users only carry their object id: their admin group membership is asked of the Graph now and then.</summary>
    private async Task RefreshGroupsAsync(Person person, CancellationToken cancellationToken)
    {
        if (person.AadObjectId is not { } aad || !groups.IsConfigured)
            return;
        var now = clock.GetUtcNow().UtcDateTime;
        if (person.GroupsCheckedAtUtc is { } checkedAt && now - checkedAt < options.Value.GroupCheckInterval)
            return;
        if (await groups.IsMemberAsync(aad, cancellationToken) is { } member)
        {
            person.IsGroupAdmin = member;
            person.GroupsCheckedAtUtc = now;
        }
    }

    private async Task<(string? Email, string? Name)?> LookUpMemberAsync(string serviceUrl, string conversationId, string userId, CancellationToken cancellationToken)
    {
        try
        {
            var member = await connector.GetConversationMemberAsync(serviceUrl, conversationId, userId, cancellationToken);
            return (PersonEmail.Normalize(member.Email ?? member.UserPrincipalName), member.Name);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Created person {PersonId} for a Teams user seen for the first time")]
    private partial void LogFirstContact(Guid personId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created person {PersonId} known by e-mail only")]
    private partial void LogCreatedByEmail(Guid personId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking up the Teams member's e-mail failed")]
    private partial void LogLookupFailed(Exception exception);
}

public static class PeopleServiceCollectionExtensions
{
    public static IServiceCollection AddPeople(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PeopleOptions>().Bind(configuration.GetSection(PeopleOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PeopleOptions>, PeopleOptionsValidator>());
        services.AddScoped<PeopleService>();
        services.AddSingleton<EntraAdminGroups>();
        services.AddHttpClient(EntraAdminGroups.HttpClientName, http =>
        {
            // A group check runs inside a turn, which Teams waits 15 s for.
            http.Timeout = TimeSpan.FromSeconds(8);
            http.MaxResponseContentBufferSize = 256 * 1024;
        });
        return services;
    }
}
