using Microsoft.Extensions.Options;

namespace SoKet.Bot.Retention;

/// <summary>
/// Section "Retention": how long SoKet keeps what passes through its channels. Reports, campaigns, revisions and
/// audit entries are records of the campaign and are never removed by this job.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    public bool Enabled { get; set; } = true;

    /// <summary>Web chat messages (both ways); a conversation with nothing left in it is removed with its state and address.</summary>
    public TimeSpan WebChatTranscripts { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Files users uploaded to the web chat, and files kept for a later turn (a unit list awaiting a campaign choice).</summary>
    public TimeSpan Uploads { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Documents the bot produced (download links, Teams file consent cards not answered). A consent answered
    /// (accepted and uploaded, or declined) removes its copy at once.
    /// </summary>
    public TimeSpan Exports { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Activity ids remembered so a channel's re-delivery is answered without running again (channels re-deliver within minutes).</summary>
    public TimeSpan ProcessedActivityIds { get; set; } = TimeSpan.FromDays(2);

    /// <summary>When the daily cleanup runs, Asia/Ho_Chi_Minh time (at night, when nobody drafts).</summary>
    public TimeOnly RunAt { get; set; } = new(2, 0);
}

internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var errors = new List<string>();
        void AtLeast(string key, TimeSpan value, TimeSpan min, string why)
        {
            if (value < min || value > TimeSpan.FromDays(3650))
                errors.Add($"{RetentionOptions.Section}:{key} must be between {min} and 3650.00:00:00 ({why}).");
        }
        AtLeast(nameof(options.WebChatTranscripts), options.WebChatTranscripts, TimeSpan.FromDays(1), "a conversation in use must keep its recent messages");
        AtLeast(nameof(options.Uploads), options.Uploads, TimeSpan.FromDays(1), "a file kept for a later turn must outlive the conversation's next day");
        AtLeast(nameof(options.Exports), options.Exports, TimeSpan.FromDays(1), "a download link may live up to a day");
        AtLeast(nameof(options.ProcessedActivityIds), options.ProcessedActivityIds, TimeSpan.FromHours(1), "channels re-deliver an activity within minutes");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
