using System.Security.Cryptography;
using System.Text;
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
    private readonly StoredSecret _key = new(scopes, "editor.storage-key");

    public async Task<string> ForAsync(Guid personId, Guid reportId, Guid sectionId, CancellationToken cancellationToken)
    {
        var key = await _key.GetAsync(cancellationToken);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"local-copy:{personId:N}:{reportId:N}:{sectionId:N}"));
        return Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }
}
