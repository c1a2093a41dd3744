using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Protocol.Auth;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Turns;

namespace SoKet.Bot.Drafting.Editor;

/// <summary>An editor request let through: its link, the person's report and section, and their editor draft row if any.</summary>
public sealed record EditorRequestContext(EditorTicket Ticket, ReportView View, OutlineEntry Entry, EditorDraft? Draft, string RenewedToken, string? NewKey);

public enum TeamsKey { Required, Claim, NotNeeded }

/// <summary>Checks an editor API request (see <see cref="EditorEndpoints"/>): link, identity, ownership.</summary>
public sealed class EditorRequests(
    EditorLinks links, IWebChatIdentity identity, ITurnUserResolver users, OwnedIds ids, SoKetDbContext db, TimeProvider clock)
{
    /// <param name="teamsKey">
    /// In a Teams dialog: the first load of a press's link hands the page a key (<see cref="TeamsKey.Claim"/>), and from
    /// then on the link works only with it (a later load of the same link anywhere else is refused). The page's shell,
    /// which holds no data, is served without it (<see cref="TeamsKey.NotNeeded"/>).
    /// </param>
    public async Task<EditorRequestContext?> AuthorizeAsync(HttpContext http, string? token, TeamsKey teamsKey, CancellationToken cancellationToken)
    {
        var ticket = links.Read(token);
        if (ticket is null)
            return null;
        if (ticket.ChannelId == ChannelIds.WebChat)
        {
            if (!await EditorEndpoints.IsBrowserOfAsync(http, identity, ticket, cancellationToken))
                return null;
        }
        else if (ticket.ChannelId != ChannelIds.Teams)
        {
            return null;
        }

        // The person as a turn of theirs would resolve them now: still a member of the unit, or nothing.
        var user = await users.ResolveAsync(new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = ticket.ChannelId,
            ServiceUrl = ticket.ChannelId == ChannelIds.WebChat ? WebChatPersonIds.BuiltInServiceUrl : null,
            From = new ChannelAccount { Id = ticket.ChannelUserId },
            Conversation = new ConversationAccount { Id = ticket.ConversationId, ConversationType = "personal" },
        }, cancellationToken);
        if (user.PersonId != ticket.PersonId)
            return null;
        if (await ids.DraftableReportAsync(user, ticket.ReportId, cancellationToken) is not { } view
            || OwnedIds.Section(view, ticket.SectionId) is not { IsIndicatorTable: false } entry)
            return null;

        var draft = await db.EditorDrafts.FirstOrDefaultAsync(
            d => d.ReportId == view.Report.Id && d.SectionId == entry.Id && d.PersonId == ticket.PersonId, cancellationToken);
        string? newKey = null;
        if (ticket.ChannelId == ChannelIds.Teams && teamsKey != TeamsKey.NotNeeded)
        {
            var key = http.Request.Headers[EditorEndpoints.KeyHeader].ToString();
            var holdsKey = draft?.ClaimedLinkId == ticket.Id && draft.PageKeyHash is { } hash && key.Length > 0
                && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(hash), SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
            if (!holdsKey)
            {
                if (teamsKey != TeamsKey.Claim || draft?.ClaimedLinkId == ticket.Id)
                    return null;
                newKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
                draft ??= NewDraft(view, entry, ticket.PersonId);
                draft.ClaimedLinkId = ticket.Id;
                draft.PageKeyHash = EditorEndpoints.KeyHash(newKey);
                draft.Revision++;
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    return null; // two pages claimed the same link at once: the other one has it
                }
            }
        }
        return new EditorRequestContext(ticket, view, entry, draft, links.Renew(ticket), newKey);
    }

    public EditorDraft NewDraft(EditorRequestContext context) => NewDraft(context.View, context.Entry, context.Ticket.PersonId);

    private EditorDraft NewDraft(ReportView view, OutlineEntry entry, Guid personId)
    {
        var draft = new EditorDraft
        {
            Id = Guid.NewGuid(), ReportId = view.Report.Id, SectionId = entry.Id, PersonId = personId,
            BasedOnVersion = view.DraftOf(entry.Id)?.Version ?? 0, UpdatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.EditorDrafts.Add(draft);
        return draft;
    }
}
