using System.Diagnostics;

namespace SoKet.Bot.Tests.Export.Fixtures;

/// <summary>
/// LibreOffice (headless, to convert .docx to PDF as a reader's office suite would) and poppler-utils
/// (pdftotext, pdfinfo, pdftoppm). Debian packages that test.sh installs: libreoffice-writer-nogui,
/// fonts-liberation, fonts-dejavu, poppler-utils.
/// </summary>
public static class ExternalTools
{
    private static readonly SemaphoreSlim OneOfficeAtATime = new(1, 1);

    /// <summary>Converts with a private LibreOffice profile, so it neither collides with a running office nor leaves state behind.</summary>
    public static async Task<string> ConvertToPdfAsync(string docxPath)
    {
        var outDir = Path.GetDirectoryName(docxPath)!;
        var profile = Path.Combine(Path.GetTempPath(), "soket-lo-profile-" + Guid.NewGuid().ToString("N"));
        await OneOfficeAtATime.WaitAsync();
        try
        {
            await RunAsync("soffice", TimeSpan.FromMinutes(4),
                "-env:UserInstallation=" + new Uri(profile).AbsoluteUri, "--headless", "--norestore",
                "--convert-to", "pdf", "--outdir", outDir, docxPath);
        }
        finally
        {
            OneOfficeAtATime.Release();
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        }
        var pdf = Path.ChangeExtension(docxPath, ".pdf");
        Assert.True(File.Exists(pdf), $"LibreOffice produced no PDF for {docxPath}");
        return pdf;
    }

    public static Task<string> PdfToTextAsync(string pdf, int page, bool layout = true) =>
        RunAsync("pdftotext", TimeSpan.FromMinutes(1), layout ? ["-layout", "-f", P(page), "-l", P(page), "-enc", "UTF-8", pdf, "-"] : ["-f", P(page), "-l", P(page), "-enc", "UTF-8", pdf, "-"]);

    public static Task<string> PdfInfoAsync(string pdf) => RunAsync("pdfinfo", TimeSpan.FromMinutes(1), pdf);

    /// <summary>Renders one page as an 8-bit grey PNG at <paramref name="dpi"/> and returns its path.</summary>
    public static async Task<string> RenderPageAsync(string pdf, int page, int dpi)
    {
        var prefix = Path.Combine(Path.GetDirectoryName(pdf)!, Path.GetFileNameWithoutExtension(pdf) + "-page" + P(page));
        await RunAsync("pdftoppm", TimeSpan.FromMinutes(1), "-gray", "-png", "-r", P(dpi), "-f", P(page), "-l", P(page), "-singlefile", pdf, prefix);
        return prefix + ".png";
    }

    /// <summary>Runs a program to completion and fails the test unless it exits with 0; returns its standard output.</summary>
    public static async Task<string> RunAsync(string program, TimeSpan timeout, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await RunProcessAsync(program, timeout, null, arguments);
        Assert.True(exitCode == 0, $"{program} exited with {exitCode}: {stderr}");
        return stdout;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunProcessAsync(
        string program, TimeSpan timeout, string? workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{program}' is not installed (test.sh installs Debian's libreoffice-writer-nogui, poppler-utils and nodejs).", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} did not finish within {timeout}.");
            }
            return (process.ExitCode, await stdout, await stderr);
        }
    }

    private static string P(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
