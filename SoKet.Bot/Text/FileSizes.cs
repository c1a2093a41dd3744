using System.Globalization;

namespace SoKet.Bot.Text;

/// <summary>File sizes as the refusals quote them: «850 KB», «10,5 MB» (Vietnamese decimal comma, binary units).</summary>
public static class FileSizes
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>A limit or an ordinary size, to one decimal.</summary>
    public static string Format(long bytes) => Format(bytes, Math.Round);

    /// <summary>
    /// The size of a file refused for exceeding a limit, rounded up: a file a few bytes over 10 MB is «10,1 MB», never
    /// «10 MB, vượt quá giới hạn 10 MB».
    /// </summary>
    public static string FormatOver(long bytes) => Format(bytes, Math.Ceiling);

    private static string Format(long bytes, Func<double, double> round)
    {
        var (value, unit) = bytes >= 1024 * 1024 ? (bytes / (1024.0 * 1024.0), "MB") : (bytes / 1024.0, "KB");
        return (round(value * 10) / 10).ToString("0.#", Vi) + " " + unit;
    }
}
