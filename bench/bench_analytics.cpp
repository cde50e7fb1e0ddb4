// Analytics engine figures on events built from the real recordings (tests/data/*.ndjson):
//  (a) throughput: >= 1,000,000 events through the engine alone, and through IngestChain
//      (parse + enrich + dedup) + engine on one thread;
//  (b) cost of one buildSnapshot() with a full 3-hour window of 10.8 M events (1,000 ev/s);
//  (c) memory held per event in that window (RSS delta / events, interned strings aside).
//
// Usage: bench_analytics [throughputEvents=1000000] [windowEvents=10800000]
// Copies of a real event get times 1 ms apart (1,000 ev/s of event time), a per-cycle suffix on
// the title (fresh pages, as Wikidata bots produce) and one of 50 suffixes on the user.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <QCoreApplication>

#include "analytics/AnalyticsEngine.h"
#include "ingest/IngestChain.h"

namespace fs = std::filesystem;
using namespace wt;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kT0 = 1'800'000'000'000;

std::vector<std::string> readLines()
{
    std::vector<std::string> lines;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fs::path(WT_SOURCE_DIR) / "tests" / "data"))
        if (entry.path().extension() == ".ndjson")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::string line;
        while (std::getline(in, line))
            if (!line.empty())
                lines.push_back(line);
    }
    return lines;
}

double rssMb()
{
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * 4096.0 / (1024.0 * 1024.0);
}

double seconds(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

// Copy i of the base stream.
void makeEvent(const event::EditEvent& base, std::size_t i, std::size_t baseCount,
               event::EditEvent& out)
{
    const std::size_t cycle = i / baseCount;
    out = base;
    out.timeMs = kT0 + static_cast<std::int64_t>(i);
    out.title += " #" + std::to_string(cycle);
    out.user += "~" + std::to_string(cycle % 50);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const std::size_t throughputEvents = argc > 1 ? std::stoull(argv[1]) : 1'000'000;
    const std::size_t windowEvents = argc > 2 ? std::stoull(argv[2]) : 10'800'000;

    const std::vector<std::string> lines = readLines();
    event::EventBatch base;
    {
        ingest::IngestChain chain;
        for (const auto& l : lines)
            chain.process(l, base);
    }
    std::printf("base: %zu real events from %zu lines\n", base.size(), lines.size());

    // (a1) analytics only.
    {
        std::vector<event::EventBatch> batches;
        for (std::size_t i = 0; i < throughputEvents;) {
            event::EventBatch b(std::min<std::size_t>(1000, throughputEvents - i));
            for (auto& e : b) {
                makeEvent(base[i % base.size()], i, base.size(), e);
                ++i;
            }
            batches.push_back(std::move(b));
        }
        analytics::AnalyticsEngine engine; // default 15 min lookback: events leave the window too
        const auto t0 = Clock::now();
        for (const auto& b : batches)
            engine.ingest(b);
        const double s = seconds(t0, Clock::now());
        std::printf("(a) analytics only: %zu events in %.3f s = %.0f events/s\n", throughputEvents,
                    s, double(throughputEvents) / s);
    }
    // (a2) ingest chain + analytics on one thread (raw JSON lines in, snapshot state out).
    {
        analytics::AnalyticsEngine engine;
        event::EventBatch batch;
        std::size_t done = 0;
        std::size_t bytes = 0;
        const auto t0 = Clock::now();
        while (done < throughputEvents) {
            ingest::IngestChain chain; // a fresh dedup set per pass over the recordings
            for (const auto& l : lines) {
                if (done >= throughputEvents)
                    break;
                batch.clear();
                if (chain.process(l, batch)) {
                    batch.back().timeMs = kT0 + static_cast<std::int64_t>(done);
                    engine.ingest(batch);
                    ++done;
                }
                bytes += l.size();
            }
        }
        const double s = seconds(t0, Clock::now());
        std::printf("(a) ingest chain + analytics: %zu events (%.0f MB JSON) in %.3f s = %.0f "
                    "events/s\n",
                    done, double(bytes) / 1e6, s, double(done) / s);
    }
    // (b) + (c): a full 3-hour window.
    {
        analytics::AnalyticsConfig config;
        config.lookbackMs = 3LL * 3600 * 1000;
        analytics::AnalyticsEngine engine(config);
        engine.buildSnapshot();
        const double rss0 = rssMb();
        event::EventBatch b(10'000);
        const auto t0 = Clock::now();
        for (std::size_t i = 0; i < windowEvents;) {
            b.resize(std::min<std::size_t>(10'000, windowEvents - i));
            for (auto& e : b) {
                makeEvent(base[i % base.size()], i, base.size(), e);
                ++i;
            }
            engine.ingest(b);
        }
        const double fill = seconds(t0, Clock::now());
        const double rss1 = rssMb();
        const auto& agg = engine.aggregator();
        const auto& ring = agg.ring();
        std::vector<double> ms;
        analytics::DashboardSnapshotPtr snap;
        for (int i = 0; i < 15; ++i) {
            const auto a = Clock::now();
            snap = engine.buildSnapshot();
            ms.push_back(seconds(a, Clock::now()) * 1000.0);
        }
        std::sort(ms.begin(), ms.end());
        // Interned strings: the key text plus an unordered_map node and a std::string header.
        auto internBytes = [](const analytics::StringInterner& s, std::size_t avgLen) {
            return double(s.live()) * double(avgLen + 32 + 48 + 8);
        };
        double pageLen = 0;
        for (const auto& e : base)
            pageLen += double(e.wiki.size() + e.title.size() + 6);
        pageLen /= double(base.size());
        const double interned = internBytes(ring.pages(), std::size_t(pageLen)) +
                                internBytes(ring.users(), 16) + internBytes(ring.sites(), 40);
        const double held = (rss1 - rss0) * 1024 * 1024;
        std::printf("(b) window: %zu events in the ring, %llu in the 3 h lookback (filled in %.1f s)"
                    "; %zu pages, %zu users live\n",
                    ring.size(), static_cast<unsigned long long>(snap->kpis.events), fill,
                    ring.pages().live(), ring.users().live());
        std::printf("(b) buildSnapshot: median %.3f ms, min %.3f ms, max %.3f ms (top %d, %zu "
                    "recent, %zu traffic points)\n",
                    ms[ms.size() / 2], ms.front(), ms.back(), engine.config().topN,
                    snap->recent.size(), snap->traffic.size());
        std::printf("(c) memory: RSS +%.0f MB = %.1f bytes/event; interned strings ~%.0f MB; "
                    "without them %.1f bytes/event (record %zu bytes)\n",
                    rss1 - rss0, held / double(ring.size()), interned / 1048576.0,
                    (held - interned) / double(ring.size()), sizeof(analytics::EventRecord));
    }
    return 0;
}
