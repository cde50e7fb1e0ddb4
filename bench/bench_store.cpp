// History store benchmark: the cost of writing closed minutes for 1,000 wikis on the storage
// thread (amortised over batched commits), and of loading 24 h of history at start.
// Wiki names: the real recordings' wikis plus generated realistic database names.
// Usage: bench_store [minutes=1440] [wikis=1000]

#include <cstdio>
#include <ctime>
#include <random>
#include <set>

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>

#include "analytics/AnalyticsConfig.h"
#include "store/HistoryStore.h"

using namespace wt;
using namespace wt::store;

namespace {

constexpr qint64 kMin = 60'000;

std::vector<std::string> wikiNames(int count)
{
    std::set<std::string> names;
    const QRegularExpression re(QStringLiteral("\"wiki\"\\s*:\\s*\"([a-z0-9_]+)\""));
    QDirIterator it(QStringLiteral(WT_SOURCE_DIR "/tests/data"), {QStringLiteral("*.ndjson")}, QDir::Files);
    while (it.hasNext()) {
        QFile f(it.next());
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QString text = QString::fromUtf8(f.readAll());
        for (auto m = re.globalMatch(text); m.hasNext();)
            names.insert(m.next().captured(1).toStdString());
    }
    const std::size_t real = names.size();
    static const char* langs[] = {"en", "de", "fr", "es", "it", "ja", "ru", "pt", "zh", "pl", "nl", "sv", "ar", "uk",
                                  "fa", "ca", "vi", "ko", "fi", "he", "id", "cs", "hu", "no", "tr", "ro", "sr", "el",
                                  "bg", "da", "eo", "hi", "lt", "sk", "et", "sl", "hr", "ms", "eu", "gl", "hy", "az",
                                  "be", "ka", "kk", "uz", "bn", "ta", "te", "ml", "mr", "ur", "th", "tl", "sq", "mk",
                                  "cy", "la", "lv", "af", "is", "ga", "sw", "yo", "ha", "ig", "zu", "xh", "am", "so",
                                  "ne", "si", "km", "lo", "my", "mn", "ps", "ku", "sd", "pa", "gu", "kn", "or", "as",
                                  "ceb", "war", "arz", "azb", "ast", "bar", "nds", "lb", "li", "fy", "oc", "br", "co",
                                  "vec", "scn", "nap", "pms", "lmo", "frr", "als", "hsb", "dsb", "szl", "csb", "rue"};
    static const char* projects[] = {"wiki", "wiktionary", "wikisource", "wikibooks", "wikiquote", "wikinews",
                                     "wikivoyage", "wikiversity", "wikimedia"};
    for (const char* project : projects) {
        for (const char* lang : langs) {
            if (int(names.size()) >= count)
                break;
            names.insert(std::string(lang) + project);
        }
    }
    for (int i = 0; int(names.size()) < count; ++i)
        names.insert("wiki" + std::to_string(i) + "wiki"); // only when the lists above run short
    std::printf("wiki names: %zu from the recordings + %zu generated\n", real, names.size() - real);
    std::vector<std::string> out(names.begin(), names.end());
    out.resize(std::min<std::size_t>(out.size(), std::size_t(count)));
    return out;
}

analytics::MinuteSummaryPtr makeMinute(qint64 start, const std::vector<std::string>& wikis, std::mt19937& rng)
{
    auto m = std::make_shared<analytics::MinuteSummary>();
    m->minuteStartMs = start;
    m->perWiki.reserve(wikis.size());
    std::geometric_distribution<int> events(0.05);
    for (const std::string& w : wikis) {
        analytics::WikiMinute wm;
        wm.wiki = w;
        auto& c = wm.counts;
        c.events = std::uint64_t(1 + events(rng));
        c.bots = c.events / 3;
        c.anonymous = c.events / 7;
        c.registered = c.events - c.bots - c.anonymous;
        c.bytesAdded = std::int64_t(c.events) * 230;
        c.bytesRemoved = std::int64_t(c.events) * 60;
        c.newPages = c.events / 10;
        c.byType[0] = c.events - c.newPages;
        c.byType[1] = c.newPages;
        m->total.events += c.events;
        m->total.bots += c.bots;
        m->total.anonymous += c.anonymous;
        m->total.registered += c.registered;
        m->total.bytesAdded += c.bytesAdded;
        m->total.bytesRemoved += c.bytesRemoved;
        m->total.newPages += c.newPages;
        m->total.byType[0] += c.byType[0];
        m->total.byType[1] += c.byType[1];
        m->perWiki.push_back(std::move(wm));
    }
    return m;
}

double msSince(const QElapsedTimer& t) { return double(t.nsecsElapsed()) / 1e6; }

// CPU time of this thread: what the storage thread really spends, whatever else the (shared)
// machine runs; wall time includes waiting for the disk and for other processes.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int minutes = argc > 1 ? std::atoi(argv[1]) : 1440;
    const int wikiCount = argc > 2 ? std::atoi(argv[2]) : 1000;
    const bool liveOnly = argc > 3 && std::string(argv[3]) == "live"; // for profiling
    const auto wikis = wikiNames(wikiCount);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.sqlite"));
    const qint64 end = (QDateTime::currentMSecsSinceEpoch() / kMin) * kMin;
    const qint64 start = end - qint64(minutes) * kMin;

    HistoryStoreConfig cfg;
    cfg.database.path = path;
    std::mt19937 rng(42);
    std::vector<analytics::MinuteSummaryPtr> prepared;
    prepared.reserve(std::size_t(minutes));
    for (int i = 0; i < minutes; ++i)
        prepared.push_back(makeMinute(start + i * kMin, wikis, rng));

    // Live: a minute closes once a minute and the store commits at most every second, so each
    // commit holds one minute. 240 minutes cross four hour boundaries.
    {
        HistoryStoreConfig live = cfg;
        live.database.path = dir.filePath(QStringLiteral("live.sqlite"));
        live.commitBatchMinutes = 1;
        HistoryStore store(live);
        store.openNow();
        const int n = std::min(minutes, 240);
        QElapsedTimer t;
        t.start();
        const double cpu0 = threadCpuMs();
        for (int i = 0; i < n; ++i)
            store.storeMinute(prepared[std::size_t(i)]);
        const double cpu = threadCpuMs() - cpu0;
        const double ms = msSince(t);
        const WriteStats s = store.stats();
        std::printf("live: %llu single-minute commits: wall %.3f ms, thread CPU %.3f ms per minute "
                    "(budget 1 ms; commit wall avg %.2f, max %.2f ms)\n",
                    static_cast<unsigned long long>(s.batches), ms / double(s.batches), cpu / double(s.batches),
                    s.avgMs, s.maxMs);
    }
    if (liveOnly)
        return 0;

    double writeMs = 0;
    double writeCpu = 0;
    WriteStats stats;
    {
        HistoryStore store(cfg);
        if (!store.openNow())
            return 1;
        QElapsedTimer t;
        t.start();
        const double cpu0 = threadCpuMs();
        for (const auto& m : prepared)
            store.storeMinute(m); // commits every 64 minutes, as on the storage thread
        store.commitNow();
        writeCpu = threadCpuMs() - cpu0;
        writeMs = msSince(t);
        stats = store.stats();
    }
    std::printf("batched: %d minutes x %zu wikis: wall %.1f ms = %.3f ms per minute, thread CPU %.3f ms per "
                "minute\n",
                minutes, wikis.size(), writeMs, writeMs / minutes, writeCpu / minutes);
    std::printf("       %llu batches, batch latency avg %.1f ms, max %.1f ms, last %.1f ms\n",
                static_cast<unsigned long long>(stats.batches), stats.avgMs, stats.maxMs, stats.lastMs);
    const double mb = double(QFileInfo(path).size() + QFileInfo(path + "-wal").size()) / 1e6;
    std::printf("file: %.1f MB for %d minutes (%.0f bytes per wiki-minute)\n", mb, minutes,
                mb * 1e6 / (double(minutes) * double(wikis.size())));

    // Start: a fresh process opens the file and loads what the dashboard shows at once.
    struct Timed {
        double wall = 0;
        double cpu = 0;
    };
    auto timed = [](auto&& fn) {
        QElapsedTimer t;
        t.start();
        const double cpu0 = threadCpuMs();
        fn();
        return Timed{msSince(t), threadCpuMs() - cpu0};
    };
    std::unique_ptr<HistoryStore> store;
    const Timed open = timed([&] {
        store = std::make_unique<HistoryStore>(cfg);
        store->openNow();
    });
    // What the app loads at start: 24 h of per-minute totals (history charts, traffic chart)
    // and the engine's lookback (3 h) in total and per wiki.
    StartupFill start24;
    const Timed tStart = timed(
        [&] { start24 = store->startupFill(end - 1440 * kMin, end, end - analytics::kMaxLookbackMs); });
    std::size_t startRows = 0;
    for (const auto& m : start24.minutes)
        startRows += m->perWiki.size();
    // For comparison: per wiki for all of the range, as MinuteSummary objects.
    StartupFill fill3h, fill24;
    const Timed t3h = timed([&] { fill3h = store->startupFill(end - 180 * kMin, end); });
    const Timed t24 = timed([&] { fill24 = store->startupFill(end - 1440 * kMin, end); });
    std::size_t rows = 0;
    for (const auto& m : fill24.minutes)
        rows += m->perWiki.size();
    QVector<MinutePoint> total24, wiki24;
    QVector<HourPoint> hourly7;
    const Timed views = timed([&] {
        total24 = store->minutes(end - 1440 * kMin, end, QString());
        wiki24 = store->minutes(end - 1440 * kMin, end, QStringLiteral("enwiki"));
        hourly7 = store->hourly(end - 7 * 24 * 60 * kMin, end, QString());
        (void)store->weekdayHeatmap(QStringLiteral("dewiki"), end - 7 * 24 * 60 * kMin, end);
    });
    std::printf("start: open+migrate: wall %.1f ms, CPU %.1f ms\n", open.wall, open.cpu);
    std::printf("start: load 24 h at start (%lld minute totals + %lld minutes x per wiki = %zu wiki rows for the "
                "3 h lookback): wall %.1f ms, CPU %.1f ms (budget 200 ms)\n",
                static_cast<long long>(start24.totals.size()), static_cast<long long>(start24.minutes.size()),
                startRows, tStart.wall, tStart.cpu);
    std::printf("start: open + load 24 h: wall %.1f ms, CPU %.1f ms\n", open.wall + tStart.wall,
                open.cpu + tStart.cpu);
    std::printf("compare: startup fill 3 h (%lld minutes, total + per wiki): wall %.1f ms, CPU %.1f ms\n",
                static_cast<long long>(fill3h.minutes.size()), t3h.wall, t3h.cpu);
    std::printf("compare: fill 24 h all per wiki (%lld minutes, %zu wiki rows as MinuteSummary): wall %.1f ms, "
                "CPU %.1f ms\n",
                static_cast<long long>(fill24.minutes.size()), rows, t24.wall, t24.cpu);
    std::printf("views: 24 h per minute total + one wiki, 7 d hourly, heatmap: wall %.1f ms, CPU %.1f ms (%lld + "
                "%lld + %lld points)\n",
                views.wall, views.cpu, static_cast<long long>(total24.size()),
                static_cast<long long>(wiki24.size()), static_cast<long long>(hourly7.size()));
    return 0;
}
