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

    /// <summary>How long a download link given in web chat stays valid.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromHours(24);
}
