using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Cli;

/// <summary>`import-plan PATH [--json]`: prints what the importer reads from a plan; creates nothing and opens no database.</summary>
internal static class ImportPlanCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var json = false;
        string? path = null;
        foreach (var arg in args)
        {
            if (string.Equals(arg, "--json", StringComparison.OrdinalIgnoreCase))
                json = true;
            else if (arg.StartsWith('-') && arg.Length > 1)
                return CommandLine.Usage(error, $"Lệnh import-plan không có tùy chọn “{arg}” (chỉ có --json).");
            else if (path is null)
                path = arg;
            else
                return CommandLine.Usage(error, "Lệnh import-plan chỉ nhận một tệp: import-plan PATH [--json].");
        }
        if (string.IsNullOrWhiteSpace(path))
            return CommandLine.Usage(error, "Thiếu đường dẫn tệp kế hoạch: import-plan PATH [--json].");

        var plan = Read(path, error);
        if (plan is null)
            return CommandLine.Refused;

        var extraction = PlanImporter.Extract(plan.Text);
        if (json)
            output.WriteLine(PlanExtractionJson.Serialize(extraction));
        else
            output.Write(PlanSummaryWriter.Write(extraction, plan));
        return CommandLine.Success;
    }

    private static PlanText? Read(string path, TextWriter error)
    {
        var fileName = Path.GetFileName(path);
        var reader = new PlanTextReader();
        try
        {
            var info = new FileInfo(CliPaths.Resolve(path));
            if (!info.Exists)
            {
                error.WriteLine(Directory.Exists(info.FullName)
                    ? $"“{path}” là một thư mục, không phải tệp kế hoạch."
                    : $"Không tìm thấy tệp “{path}”. Vui lòng kiểm tra lại đường dẫn.");
                return null;
            }
            if (info.Length > reader.MaxBytes)
            {
                error.WriteLine(PlanFileMessages.For(PlanFileProblem.TooLarge, fileName, info.Length, reader.MaxBytes));
                return null;
            }

            using var stream = info.OpenRead();
            var result = reader.TryRead(stream, fileName);
            if (result.Plan is null)
                error.WriteLine(result.Message);
            return result.Plan;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Không đọc được tệp “{path}”: {e.Message}");
            return null;
        }
    }
}
