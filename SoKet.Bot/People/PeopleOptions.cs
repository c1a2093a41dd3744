namespace SoKet.Bot.People;

/// <summary>Section "People": who administers campaigns.</summary>
public sealed class PeopleOptions
{
    public const string Section = "People";

    /// <summary>E-mails/UPNs of the office staff (văn phòng cấp ủy) who create campaigns and load units.</summary>
    public string[] AdminEmails { get; set; } = [];

    /// <summary>
    /// In local mode (no app id) the built-in web chat has no sign-in, so its user may act as admin to
    /// try every flow. Ignored once an app id is configured.
    /// </summary>
    public bool LocalWebChatUsersAreAdmins { get; set; } = true;
}
