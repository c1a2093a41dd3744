using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace SoKet.Bot.Data;

/// <summary>
/// A random 32-byte key created once and kept in the store (<see cref="AppSetting"/> <c>Key</c>), so that every
/// instance and every restart signs with the same key. Read once per process; two instances creating it at once
/// both end up with the one that was stored first.
/// </summary>
public sealed class StoredSecret(IServiceScopeFactory scopes, string settingKey)
{
    private byte[]? _key;
    private readonly SemaphoreSlim _keyLock = new(1, 1);

    public async Task<byte[]> GetAsync(CancellationToken cancellationToken)
    {
        if (_key is not null)
            return _key;
        await _keyLock.WaitAsync(cancellationToken);
        try
        {
            if (_key is not null)
                return _key;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SoKetDbContext>();
            var setting = await db.AppSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == settingKey, cancellationToken);
            if (setting is null)
            {
                db.AppSettings.Add(new AppSetting { Key = settingKey, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another instance created it first; use theirs.
                    db.ChangeTracker.Clear();
                }
                setting = await db.AppSettings.AsNoTracking().FirstAsync(s => s.Key == settingKey, cancellationToken);
            }
            return _key = Convert.FromBase64String(setting.Value);
        }
        finally
        {
            _keyLock.Release();
        }
    }
}
