using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;

namespace SoKet.Bot.Drafting.Editor;

/// <summary>
/// The name under which the editor page keeps its unsaved copy in the browser (localStorage). A computer is often
/// shared by the clerks of a unit: a name of report and section alone handed one person's unsaved text to the next one
/// who opened the section there, and autosaved it as theirs. The name is an HMAC of person, report and section with a
/// secret kept in the store (shared by every instance and restart), so it is the same each time the person opens the
/// section, differs for everyone else, and says nothing about who the person is.
/// </summary>
public sealed class EditorStorageKeys(IServiceScopeFactory scopes)
{
    private const string KeySetting = "editor.storage-key";
    private byte[]? _key;
    private readonly SemaphoreSlim _keyLock = new(1, 1);

    public async Task<string> ForAsync(Guid personId, Guid reportId, Guid sectionId, CancellationToken cancellationToken)
    {
        var key = await GetKeyAsync(cancellationToken);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"local-copy:{personId:N}:{reportId:N}:{sectionId:N}"));
        return Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }

    private async Task<byte[]> GetKeyAsync(CancellationToken cancellationToken)
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
            var setting = await db.AppSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == KeySetting, cancellationToken);
            if (setting is null)
            {
                db.AppSettings.Add(new AppSetting { Key = KeySetting, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another instance created it first; use theirs.
                    db.ChangeTracker.Clear();
                }
                setting = await db.AppSettings.AsNoTracking().FirstAsync(s => s.Key == KeySetting, cancellationToken);
            }
            return _key = Convert.FromBase64String(setting.Value);
        }
        finally
        {
            _keyLock.Release();
        }
    }
}
