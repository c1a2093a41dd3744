using System.Diagnostics;
using System.Globalization;
using SoKet.Bot.Export;
using SoKet.Bot.Tests.Export.Fixtures;

// Consolidates N unit reports of 20 sections each (the Hà Tĩnh outline of seed 150-KH/TU) into one
// .docx and prints the time, the allocations and the peak memory. A benchmark, not a test: run it
// with `dotnet run -c Release --project bench/SoKet.Benchmarks [-- --units 1000 --runs 3 --out file.docx]`.

var units = IntOption("--units", 1000);
var runs = IntOption("--runs", 3);
var output = StringOption("--out") ?? Path.Combine(Path.GetTempPath(), "soket-bench-tong-hop.docx");

var outline = SeedOutlines.HaTinh;
var writable = outline.Writable.ToList();
Console.WriteLine($"Consolidation benchmark: {units:N0} reports × {writable.Count} sections, outline {outline.Code} ({outline.Sections.Count} headings)");

// Warm-up on a small campaign so the figures below exclude JIT compilation.
Consolidate(GeneratedUnits.Create(20, writable, seed: 1, allSubmitted: true), Stream.Null);

var reports = GeneratedUnits.Create(units, writable, allSubmitted: true);
var inputChars = reports.Sum(r => r.SectionTexts.Values.Sum(t => (long)t.Length));
GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
GC.WaitForPendingFinalizers();
using var process = Process.GetCurrentProcess();
process.Refresh();
var inputWorkingSet = process.WorkingSet64;
Console.WriteLine($"Input: {inputChars:N0} characters of section text ({inputChars / (double)(units * writable.Count):N0} per section); working set with the input loaded: {Mb(inputWorkingSet)}");
Console.WriteLine();

var times = new List<double>();
for (var run = 1; run <= runs; run++)
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var gen2Before = GC.CollectionCount(2);
    var clock = Stopwatch.StartNew();
    long buildMs;
    using (var file = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        buildMs = Consolidate(reports, file);
    clock.Stop();
    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    process.Refresh();
    times.Add(clock.Elapsed.TotalMilliseconds);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {run}: {clock.Elapsed.TotalSeconds:F2} s (build {buildMs} ms, write {clock.ElapsedMilliseconds - buildMs} ms); " +
        $"allocated {Mb(allocated)}; gen2 GCs {GC.CollectionCount(2) - gen2Before}; .docx {Mb(new FileInfo(output).Length)}"));
}

process.Refresh();
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median {times.Order().ElementAt(times.Count / 2) / 1000:F2} s; peak working set {Mb(process.PeakWorkingSet64)} " +
    $"(input alone {Mb(inputWorkingSet)}); GC heap now {Mb(GC.GetGCMemoryInfo().HeapSizeBytes)}"));
Console.WriteLine($"output: {output}");

static long Consolidate(IReadOnlyList<UnitReport> reports, Stream output)
{
    var clock = Stopwatch.StartNew();
    var document = ConsolidationBuilder.Build(SeedOutlines.HaTinh.Frame, SeedOutlines.HaTinh.Sections, reports);
    var buildMs = clock.ElapsedMilliseconds;
    PartyDocumentWriter.Write(document, output);
    return buildMs;
}

static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d / 1024d:F1} MB");

int IntOption(string name, int fallback) =>
    StringOption(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

string? StringOption(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
