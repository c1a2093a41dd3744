using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Drafting.Editor;
using SoKet.Bot.Identity;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Identity;

/// <summary>
/// The data protection key ring lives in the store: what the bot protected before a restart (sign-in cookies,
/// invitation and editor links) it still reads after one, with the same key, on the same SQLite file.
/// </summary>
public sealed class KeyRingTests
{
    [Fact]
    public void An_editor_link_issued_before_a_restart_still_opens_after_it()
    {
        var report = Guid.NewGuid();
        var section = Guid.NewGuid();
        string link;
        string directory;
        using (var first = new BotApp { KeepDataOnDispose = true })
        {
            link = first.GetService<EditorLinks>().Issue(ChannelIds.WebChat, "user-1", Guid.NewGuid(), "conversation-1", report, section);
            directory = first.DataDirectory;
        }

        using var second = new BotApp(directory);
        var ticket = second.GetService<EditorLinks>().Read(link);

        Assert.NotNull(ticket);
        Assert.Equal((report, section), (ticket.ReportId, ticket.SectionId));
        // The restarted bot read the stored key instead of making one of its own.
        using var db = second.OpenStore();
        Assert.Equal(1, db.Set<DataProtectionKeyRecord>().Count());
    }
}
