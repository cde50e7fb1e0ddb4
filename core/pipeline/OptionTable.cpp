#include "pipeline/OptionTable.h"

#include "pipeline/Settings.h"
#include "transport/KafkaConfig.h"

namespace wt::pipeline {
namespace {

// The Kafka help texts end in "Default: X." (they are shared with the transport module): split
// that sentence off so --help prints every default the same way.
OptionSpec kafkaSpec(const char* name, const char* valueName, const char* text,
                     const char* envName = nullptr)
{
    QString help = QString::fromUtf8(text);
    QString def;
    const qsizetype at = help.lastIndexOf(QLatin1String("Default: "));
    if (at >= 0) {
        def = help.mid(at + 9);
        const qsizetype end = def.indexOf(QLatin1String(". "));
        QString tail;
        if (end >= 0) { // "Default: off (...). Environment: ..." keeps the sentence after
            tail = def.mid(end + 2);
            def = def.left(end);
        }
        if (def.endsWith(QLatin1Char('.')))
            def.chop(1);
        help = (help.left(at) + tail).trimmed();
    }
    OptionSpec s{name, valueName, help, def};
    s.envName = envName;
    s.group = "Kafka";
    return s;
}

OptionSpec spec(const char* group, const char* name, const char* valueName, const char* help,
                const char* def, bool repeatable = false, char sep = ',')
{
    OptionSpec s{name, valueName, QString::fromUtf8(help), QString::fromUtf8(def), repeatable, sep};
    s.group = group;
    return s;
}

std::vector<OptionSpec> buildSpecs()
{
    using namespace transport;
    std::vector<OptionSpec> v = {
        spec("Source", "headless", "",
             "Run without a window: print one JSON line of counters and KPIs per report interval.",
             "off"),
        spec("Source", "stream-url", "URL",
             "EventStreams endpoint to read live (https; http only for 127.0.0.1, localhost, ::1).",
             kDefaultStreamUrl),
        spec("Source", "since", "ISO8601",
             "On the first connect, start the live stream at this time (e.g. "
             "2026-01-31T12:00:00Z).",
             "now"),
        spec("Source", "last-event-id", "ID",
             "Resume the live stream after this SSE id (sent verbatim as Last-Event-ID).", "none"),
        spec("Source", "idle-timeout", "DURATION",
             "Reconnect when the live stream sends nothing for this long (e.g. 30s).", "30s"),
        spec("Source", "max-event-bytes", "BYTES",
             "Largest accepted event; larger ones are skipped and counted.", "4194304"),
        spec("Source", "dedup-horizon", "N",
             "How many recent event ids are remembered to drop duplicates.", "1048576"),
        spec("Source", "replay", "FILE",
             "Replay a recording (NDJSON or raw SSE, optionally gzip) instead of the live stream.",
             "none, live"),
        spec("Source", "speed", "X", "Replay speed factor by event time, 0.1 to 1000.", "1"),
        spec("Source", "batch", "", "Replay as fast as possible instead of in real time.", "off"),
        spec("Source", "record", "FILE",
             "Append the live stream's events to FILE as NDJSON (gzip when FILE ends in .gz).",
             "none"),
        spec("Analytics", "lookback", "DURATION",
             "Time window the dashboard shows, 1m to 3h (e.g. 15m, 1h).", "15m"),
        spec("Analytics", "lateness", "DURATION",
             "How long a minute waits for late events before it is closed and stored (0 to 1h).",
             "2m"),
        spec("Analytics", "refresh", "DURATION", "Dashboard refresh interval, 100ms to 60s.", "1s"),
        spec("Analytics", "top", "N", "Rows of each leaderboard, 5 to 100.", "20"),
        spec("Analytics", "recent", "N", "Recent edits kept for the list and the scatter.",
             "5000"),
        spec("Filters", "no-bots", "", "Hide bot edits from the view (storage keeps them).", "off"),
        spec("Filters", "no-humans", "", "Hide human edits from the view.", "off"),
        spec("Filters", "namespace", "N", "Show only this namespace (repeatable).", "all", true),
        spec("Filters", "types", "LIST",
             "Show only these action types: edit,new,log,categorize,external,other.", "all", true),
        spec("Filters", "wiki", "PATTERN",
             "Show only wikis matching this glob, e.g. enwiki or *.wikipedia.org (repeatable).",
             "all", true),
        spec("Filters", "exclude-wikis", "", "Hide the wikis named by --wiki instead.", "off"),
        spec("Filters", "min-delta", "BYTES", "Show only edits changing at least this many bytes.",
             "0"),
        spec("Filters", "keyword", "K",
             "Watch titles, comments and users for K (repeatable; /regex/ for a regular "
             "expression). Remembered in the settings file.",
             "none", true, ';'),
        spec("Export", "export-dir", "DIR",
             "Write the dashboard as a folder of CSV files here: every --export-every when "
             "headless, and once at the end of a batch replay.",
             "none"),
        spec("Export", "export-every", "DURATION",
             "Interval of headless CSV exports with --export-dir (0 = only at the end).", "60s"),
        spec("Store", "db", "PATH", "SQLite history database.",
             "$XDG_DATA_HOME/WikiTide/wikitide/wikitide.sqlite"),
        spec("Store", "no-history", "", "Keep no history on disk (memory only).", "off"),
        spec("Store", "retention-days", "N", "Days of stored minutes to keep, 1 to 3650.", "30"),
        spec("Store", "wikidata-api", "URL", "Wikidata API used for Q-id labels.",
             "https://www.wikidata.org/w/api.php"),
        spec("Store", "label-language", "LANG",
             "Language of Wikidata labels (English is the fallback).", "the system language"),
        spec("Store", "offline", "", "Never ask the Wikidata API for labels (cached ones show).",
             "off"),
        kafkaSpec("kafka", "BROKERS", help::kKafka, "WIKITIDE_KAFKA_BROKERS"),
        kafkaSpec("role", "ROLE", help::kRole),
        kafkaSpec("topic", "TOPIC", help::kTopic),
        kafkaSpec("X", "KEY=VALUE", help::kProperty),
        kafkaSpec("kafka-group", "GROUP", help::kGroup),
        kafkaSpec("kafka-partitions", "N", help::kPartitions),
        spec("Operations", "metrics-port", "PORT",
             "Serve Prometheus metrics on http://ADDRESS:PORT/metrics (0 = any free port).",
             "off"),
        spec("Operations", "metrics-address", "IP", "Address the metrics endpoint binds.",
             "127.0.0.1"),
        spec("Operations", "log-level", "LEVEL", "debug, info, warning or error.", "info"),
        spec("Operations", "log-file", "FILE", "Log file, rotated at 5 MB ('none' = no file).",
             "$XDG_STATE_HOME/wikitide/wikitide.log"),
        spec("Operations", "report-every", "SECONDS", "Seconds between two headless report lines.",
             "5"),
        spec("Window", "no-opengl", "", "Never draw charts with OpenGL.", "off"),
        spec("Window", "screenshot", "FILE",
             "For docs and tests: save a PNG of the window after --quit-after seconds, then quit.",
             "none"),
        spec("Window", "quit-after", "SECONDS",
             "For docs and tests: quit after this many seconds.", "never"),
        spec("Source", "config", "FILE", "Settings file to read (ini).",
             "the XDG config location"),
    };
    for (auto& s : v)
        if (QLatin1String(s.name) == QLatin1String("X")) {
            s.repeatable = true;
            s.envSeparator = ';';
            s.envName = "WIKITIDE_KAFKA_PROPERTIES";
        }
    return v;
}

} // namespace

const std::vector<OptionSpec>& optionSpecs()
{
    static const std::vector<OptionSpec> specs = buildSpecs();
    return specs;
}

const OptionSpec* findOption(const QString& name)
{
    for (const auto& s : optionSpecs())
        if (name == QLatin1String(s.name))
            return &s;
    return nullptr;
}

QString envNameOf(const OptionSpec& spec)
{
    if (spec.envName)
        return QString::fromLatin1(spec.envName);
    return QStringLiteral("WIKITIDE_") +
           QString::fromLatin1(spec.name).toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
}

} // namespace wt::pipeline
