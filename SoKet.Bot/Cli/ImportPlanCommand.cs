using System.CommandLine;
using SoKet.Bot.Campaigns.Import;

namespace SoKet.Bot.Cli;

/// <summary>`import-plan PATH [--json]`: prints what the importer reads from a plan; creates nothing and opens no database.</summary>
internal static class ImportPlanCommand
{
    public static Command Create()
    {
        var path = new Argument<string?>("PATH") { Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "in kết quả dạng JSON (mô tả tại docs/import-plan-json.md)." };
        var command = new Command("import-plan", """
            Đọc kế hoạch (.docx, .txt, .md) và in những gì SoKet hiểu được: số, ký hiệu, cơ quan ban hành,
            ngày ban hành, trích yếu, thời điểm đánh giá, nơi nhận báo cáo, các thời hạn và đề cương báo cáo.
            Không tạo đợt sơ kết, không ghi vào cơ sở dữ liệu.
            """)
        {
            path,
            json,
        };
        command.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(path)))
                result.AddError("Thiếu đường dẫn tệp kế hoạch: import-plan PATH [--json].");
        });
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string path, bool json, TextWriter output, TextWriter error)
    {
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
