using System.ComponentModel.DataAnnotations;

namespace SoKet.Bot.Channels;

/// <summary>Section "Channels".</summary>
public sealed class ChannelOptions
{
    public const string Section = "Channels";

    /// <summary>
    /// Largest inbound activity accepted. Teams caps a message at about 40 KB (UTF-16), so 256 KB
    /// leaves room for channel data while refusing abuse before it is parsed.
    /// </summary>
    [Range(16 * 1024, 4 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Largest file kept from a web chat upload. A larger one is not stored, but the bot still sees its
    /// name and size so it can tell the user, in Vietnamese, why the file was refused.
    /// </summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxUploadFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Most files one web chat upload request may carry (Web Chat sends one part per attached file).</summary>
    [Range(1, 20)]
    public int MaxUploadFilesPerRequest { get; set; } = 4;

    /// <summary>
    /// Bytes of uploads a web chat user may have stored over any 24 hours. Uploads are kept for
    /// Retention:Uploads, so this also bounds what one user can hold in the store.
    /// </summary>
    [Range(1024, 10L * 1024 * 1024 * 1024)]
    public long UploadQuotaBytesPerDay { get; set; } = 50L * 1024 * 1024;

    /// <summary>How long a download link given in web chat stays valid. The link also works only for the user it was made for.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The one size limit of an upload request: every part is held to its own limit (the activity to
    /// <see cref="MaxActivityBytes"/>, each file to <see cref="MaxUploadFileBytes"/>) and the request as a whole to their sum.
    /// </summary>
    public long MaxUploadRequestBytes => MaxActivityBytes + MaxUploadFilesPerRequest * MaxUploadFileBytes + 64 * 1024;
}
