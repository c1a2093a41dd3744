using System.Text;
using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Units;

/// <summary>
/// Reads the people in a cell: e-mails or UPNs, optionally with a name in the form mail clients write
/// ("Nguyễn Văn A &lt;a@laichau.gov.vn&gt;"), separated by semicolons, commas or line breaks.
/// </summary>
internal static partial class PersonAddress
{
    public const int MaxEmailLength = 320;

    /// <summary>Splits a cell at ; , and line breaks that are not inside &lt;…&gt; or quotes.</summary>
    public static IReadOnlyList<string> Split(string cell)
    {
        var entries = new List<string>();
        var current = new StringBuilder();
        var inAngle = false;
        var inQuotes = false;
        foreach (var c in cell)
        {
            switch (c)
            {
                case '"':
                    inQuotes = !inQuotes;
                    break;
                case '<' when !inQuotes:
                    inAngle = true;
                    break;
                case '>' when !inQuotes:
                    inAngle = false;
                    break;
                case ';' or ',' or '\n' or '\r' when !inAngle && !inQuotes:
                    Flush();
                    continue;
            }
            current.Append(c);
        }
        Flush();
        return entries;

        void Flush()
        {
            var entry = VietnameseText.CleanLine(current.ToString());
            if (entry.Length > 0)
                entries.Add(entry);
            current.Clear();
        }
    }

    /// <summary>Parses one entry; false when it holds no valid e-mail address.</summary>
    public static bool TryParse(string entry, out UnitCsvPerson person)
    {
        person = new UnitCsvPerson("", null);
        var text = VietnameseText.CleanLine(entry);
        string? name = null;
        var address = text;
        var open = text.LastIndexOf('<');
        if (open >= 0 && text.EndsWith('>'))
        {
            address = text[(open + 1)..^1].Trim();
            name = text[..open].Trim().Trim('"').Trim();
        }
        if (address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            address = address["mailto:".Length..];

        var email = address.ToLowerInvariant();
        if (!IsValidEmail(email))
            return false;
        person = new UnitCsvPerson(email, string.IsNullOrEmpty(name) ? null : name);
        return true;
    }

    /// <summary>
    /// A practical check for the addresses offices use (ASCII local part and domain, one @, a dotted
    /// domain): catches names typed into the e-mail column, missing domains and stray spaces.
    /// </summary>
    public static bool IsValidEmail(string email) =>
        email.Length <= MaxEmailLength && email.IndexOf('@', StringComparison.Ordinal) is > 0 and <= 64 && EmailPattern().IsMatch(email);

    // The domain's "[a-z0-9-]*[a-z0-9]" labels can overlap, which costs a backtracking engine dearly on a crafted
    // cell; the non-backtracking engine checks any cell in linear time.
    [GeneratedRegex(@"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex EmailPattern();
}
