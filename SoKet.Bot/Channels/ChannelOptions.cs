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
}
