using System.Globalization;
using SoKet.Bench.Turns;

// Turn benchmarks against the real bot (the built SoKet.Bot.dll in local mode, a fresh store of its own).
// See bench/README.md.
const string usage = """
    Usage: dotnet run -c Release --project bench/SoKet.Bench.Turns -- <mode> [options]

      drafting [--conversations 20]   SoKet's drafting benchmark: N concurrent Teams conversations write the
                                      whole Hà Tĩnh outline on cards, five indicators, and submit.
                                      (A bare number, "-- 20", is the same.)
        [--rounds 1]                  R rounds one after another against the same bot, each with N new
                                      conversations: round 1 meets a cold bot, the later ones a warm one.
      peer-seed [--conversations 20]  Prepares a store for ../shared/peer-bench/driver.js (users user-0 …
                                      user-(N-1), units open at their first section), starts the bot, prints
                                      url=…, pid=…, messages=…, ready; serves until SIGTERM/Ctrl+C, then kills
                                      the bot and prints section_revisions=… and the other counts.
        [--channel emulator] [--port P] [--messages PATH] [--bot-log PATH] [--max-seconds 3600]
      peer-check [--conversations 1] [--turns 21]
                                      The driver's conversation shape with a recording Connector: prints what
                                      SoKet answers each turn and checks every paragraph was saved.

    Common options:
      --store sqlite|postgresql       default sqlite (a file in a new temp folder);
      --connection-string S           PostgreSQL server where a database may be created (default: $SOKET_BENCH_POSTGRES);
                                      a database soket_bench_<random> is created and dropped afterwards
      --data-dir DIR                  the bot's data folder (default: a new folder under /tmp/soket-bench)
      --bot PATH                      SoKet.Bot.dll (default: SoKet.Bot/bin/<this build's configuration>/net10.0)
      --keep                          leave the store in place afterwards
    """;

try
{
    return args switch
    {
        [] => await DraftingBench.RunAsync(new Options([])),
        [var n] when int.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) => await DraftingBench.RunAsync(new Options(["--conversations", n])),
        ["drafting", .. var rest] => await DraftingBench.RunAsync(new Options(rest)),
        ["peer-seed", .. var rest] => await PeerBench.SeedAndServeAsync(new Options(rest)),
        ["peer-check", .. var rest] => await PeerBench.CheckAsync(new Options(rest)),
        ["help" or "--help" or "-h"] => Help(0),
        _ => Help(64),
    };
}
catch (UsageException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return Help(64);
}

int Help(int code)
{
    (code == 0 ? Console.Out : Console.Error).WriteLine(usage);
    return code;
}
