using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;
using SoKet.Bot.People;

namespace SoKet.Bot.Identity;

/// <summary>The claims SoKet's sign-in cookie carries, whichever way the person signed in.</summary>
public static class SignInClaims
{
    public const string PersonId = "soket:person";
    public const string Generation = "soket:generation";
    public const string Method = "soket:method";

    public static ClaimsPrincipal Principal(Person person, string method, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(PersonId, person.Id.ToString("N")));
        identity.AddClaim(new Claim(Generation, person.SignInGeneration.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(Method, method));
        identity.AddClaim(new Claim(ClaimTypes.Name, person.DisplayName ?? person.Email ?? "Đồng chí"));
        if (person.Email is not null)
            identity.AddClaim(new Claim(ClaimTypes.Email, person.Email));
        return new ClaimsPrincipal(identity);
    }

    public static (Guid PersonId, int Generation)? Read(ClaimsPrincipal? principal)
    {
        if (principal?.FindFirst(PersonId)?.Value is not { } id || !Guid.TryParseExact(id, "N", out var personId))
            return null;
        if (!int.TryParse(principal.FindFirst(Generation)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
            return null;
        return (personId, generation);
    }
}

/// <summary>
/// Each person's current sign-in generation (<see cref="Person.SignInGeneration"/>), which every cookie and web chat
/// token must match. Read from the store and kept a few seconds, because the web chat polls every second; a sign-out
/// on this instance forgets it once it is stored, other instances notice within <see cref="CacheFor"/>.
/// </summary>
/// <remarks>
/// Forgetting only when the sign-out is staged is not enough: the ended session's own web chat keeps polling, and a
/// read between the staging and the commit (or one that began before the commit and finishes after it) would put
/// the old generation back for <see cref="CacheFor"/>, and the ended session would go on working that long. So a
/// sign-out forgets again after its save, and a read that overlapped any forgetting is not kept.
/// </remarks>
public sealed class SignInSessions(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, (int? Generation, DateTimeOffset ReadAt)> _cache = new();

    /// <summary>Counts every forgetting; a read that saw it change while it ran may hold a generation since ended.</summary>
    private long _forgotten;

    /// <summary>The person's current generation; null when there is no such person.</summary>
    public async ValueTask<int?> CurrentAsync(Guid personId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(personId, out var cached) && now - cached.ReadAt < CacheFor)
            return cached.Generation;
        var forgotten = Interlocked.Read(ref _forgotten);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoKetDbContext>();
        var rows = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => (int?)p.SignInGeneration).ToListAsync(cancellationToken);
        var generation = rows.Count == 0 ? null : rows[0];
        if (_cache.Count > 50_000)
            _cache.Clear(); // bounded: a flood of made-up ids must not grow memory
        _cache[personId] = (generation, now);
        if (Interlocked.Read(ref _forgotten) != forgotten)
            _cache.TryRemove(personId, out _); // a sign-out was stored while this read ran: the next request reads again
        return generation;
    }

    public async ValueTask<bool> IsCurrentAsync(ClaimsPrincipal? principal, CancellationToken cancellationToken) =>
        SignInClaims.Read(principal) is { } signedIn && await CurrentAsync(signedIn.PersonId, cancellationToken) == signedIn.Generation;

    /// <summary>
    /// Ends every sign-in of the person (this browser's and any other's) and every web chat token issued to them:
    /// stages the new generation in <paramref name="db"/> (the caller saves) and forgets the cached one, now and again
    /// once <paramref name="db"/> has saved.
    /// </summary>
    public async Task EndAllAsync(SoKetDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is not null)
            person.SignInGeneration++;
        Forget(personId);
        db.SavedChanges += ForgetWhenSaved;

        void ForgetWhenSaved(object? sender, SavedChangesEventArgs e)
        {
            db.SavedChanges -= ForgetWhenSaved;
            Forget(personId);
        }
    }

    private void Forget(Guid personId)
    {
        Interlocked.Increment(ref _forgotten);
        _cache.TryRemove(personId, out _);
    }
}
