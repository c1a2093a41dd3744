using System.ComponentModel.DataAnnotations;

namespace SoKet.Bot.Channels.WebChat;

/// <summary>Section "WebChat": the built-in web chat page and its Direct Line 3.0 subset.</summary>
public sealed class WebChatOptions
{
    public const string Section = "WebChat";

    public bool Enabled { get; set; } = true;

    /// <summary>Direct Line tokens last this long; Web Chat refreshes them every 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:20:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the page polls for new activities, in milliseconds.</summary>
    [Range(200, 10_000)]
    public int PollingIntervalMs { get; set; } = 1000;

    /// <summary>Most activities returned by one poll.</summary>
    [Range(10, 1000)]
    public int MaxActivitiesPerPoll { get; set; } = 100;

    [Required]
    public string BotName { get; set; } = "Trợ lý sơ kết";
}
