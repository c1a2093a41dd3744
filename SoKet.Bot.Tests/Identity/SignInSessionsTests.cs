using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Data;
using SoKet.Bot.Identity;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Identity;

/// <summary>
/// A sign-out (or an admin's reset) ends the person's sessions on this instance as soon as it is stored, even while
/// their open web chat keeps asking whether its session is current.
/// </summary>
[Trait("Category", "Store")]
public sealed class SignInSessionsTests
{
    [Fact]
    public async Task A_session_checked_while_its_sign_out_is_being_saved_ends_when_the_sign_out_is_stored()
    {
        using var app = new BotApp();
        app.Start();
        var person = new Person { Id = Guid.NewGuid(), DisplayName = "Nguyễn Văn An", Email = "an@laichau.dcs.vn", ChannelId = ChannelIds.Teams, ChannelUserId = "29:an", CreatedAtUtc = DateTime.UtcNow };
        await using (var db = app.OpenStore())
        {
            db.People.Add(person);
            await db.SaveChangesAsync();
        }
        var sessions = app.GetService<SignInSessions>();
        var signedIn = await sessions.CurrentAsync(person.Id, CancellationToken.None);
        Assert.NotNull(signedIn);

        await using var scope = app.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<SoKetDbContext>();
        await sessions.EndAllAsync(admin, person.Id, CancellationToken.None);
        // The person's web chat polls before the reset is stored: for that moment the old session is still the current one.
        Assert.Equal(signedIn, await sessions.CurrentAsync(person.Id, CancellationToken.None));

        await admin.SaveChangesAsync();

        // Stored: the very next check refuses the old session (it was not kept from the poll above).
        Assert.Equal(signedIn + 1, await sessions.CurrentAsync(person.Id, CancellationToken.None));
    }
}
