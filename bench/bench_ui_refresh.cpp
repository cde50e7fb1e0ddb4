// Cost of one window refresh on the GUI thread (offscreen, software rendering) with a snapshot
// shaped like a 3-hour lookback at 1,000 events/s: 5,000 recent edits, a full traffic series,
// full leaderboards (top 100). Real events from tests/data, times shifted. Also an event-loop
// probe (a 5 ms timer) while a real engine is fed the real recordings in batches.

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <functional>
#include <cstdio>
#include <vector>

#include "BattlefieldPanel.h"
#include "BreakdownPanel.h"
#include "KpiPanel.h"
#include "LeaderboardPanel.h"
#include "MainWindow.h"
#include "TrafficPanel.h"
#include "analytics/AnalyticsEngine.h"
#include "support/ReplayFeed.h"

using namespace wt;

namespace {
QString dataPath(const QString& name) { return QStringLiteral(WT_TEST_DATA_DIR) + QLatin1Char('/') + name; }

void report(const char* what, std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) { return ms[std::min(ms.size() - 1, std::size_t(q * double(ms.size())))]; };
    std::printf("%-44s n=%zu median=%.2f ms p95=%.2f ms max=%.2f ms\n", what, ms.size(), at(0.5), at(0.95), ms.back());
}
} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 60;

    event::EventBatch events;
    for (const QString& name : QDir(dataPath({})).entryList({QStringLiteral("*.ndjson")}, QDir::Files)) {
        auto replay = test::replayRecording(dataPath(name));
        events.insert(events.end(), replay.events.begin(), replay.events.end());
    }
    std::printf("real events: %zu\n", events.size());

    // Leaderboards and breakdowns from the real engine over all events (shifted into 3 h).
    analytics::AnalyticsConfig config;
    config.lookbackMs = 3 * 3600'000;
    config.topN = 100;
    analytics::AnalyticsEngine engine(config);
    const std::int64_t now = 1'760'000'000'000;
    event::EventBatch shifted = events;
    for (std::size_t i = 0; i < shifted.size(); ++i)
        shifted[i].timeMs = now - 3 * 3600'000 + std::int64_t(i) * (3 * 3600'000 / std::int64_t(shifted.size()));
    engine.ingest(shifted);
    const auto base = engine.buildSnapshot();

    // Two variants so that every apply has real changes to draw.
    std::vector<analytics::DashboardSnapshotPtr> variants;
    for (int v = 0; v < 2; ++v) {
        auto s = std::make_shared<analytics::DashboardSnapshot>(*base);
        s->clockMs = now + v * 1000;
        s->lookbackMs = 3 * 3600'000;
        s->trafficStepMs = 10'000;
        s->traffic.clear();
        for (std::int64_t t = s->clockMs - s->lookbackMs; t < s->clockMs; t += s->trafficStepMs) {
            const std::uint32_t n = 10'000 + std::uint32_t((t / 10'000 * 7919 + v * 13) % 2000);
            s->traffic.push_back({t, n * 7 / 10, n * 3 / 10, std::int64_t(n) * 300, std::int64_t(n) * 120});
        }
        s->recent.clear();
        for (int i = 0; i < 5000; ++i) {
            const auto& e = events[std::size_t(i + v * 7) % events.size()];
            s->recent.push_back({s->clockMs - 5000 + i, e.delta, e.flags, std::uint8_t(e.type), e.wiki, e.title,
                                 e.user, e.diffUrl, {}});
        }
        variants.push_back(std::move(s));
    }
    std::printf("snapshot: %zu recent, %zu traffic points, %zu/%zu/%zu/%zu leaderboard rows\n",
                variants[0]->recent.size(), variants[0]->traffic.size(), base->topWikis.size(),
                base->topPages.size(), base->topUsers.size(), base->topLanguages.size());

    ui::UiOptions options;
    options.noOpenGl = true;
    options.settingsFile = QDir::temp().filePath(QStringLiteral("wikitide-bench-ui.ini"));
    QFile::remove(options.settingsFile);
    ui::MainWindow window(options);
    window.resize(1600, 1000);
    window.show();
    app.processEvents();

    // What one tick costs on the GUI thread: apply (models, series, axes), then the paint the
    // event loop does for what changed (hidden tabs and unchanged panels paint nothing). The
    // forced repaint of every widget is measured too, as an upper bound.
    std::vector<double> apply, painted, forced;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer timer;
        timer.start();
        window.showSnapshot(variants[std::size_t(r % 2)]);
        window.applyPendingSnapshot();
        const double applied = double(timer.nsecsElapsed()) / 1e6;
        app.processEvents(); // layout requests and the paint of dirty regions
        const double tick = double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        window.repaint(); // every visible widget painted synchronously
        const double all = double(timer.nsecsElapsed()) / 1e6;
        if (r >= 2) { // the first rounds build the graphics items
            apply.push_back(applied);
            painted.push_back(tick);
            forced.push_back(all);
        }
    }
    std::printf("battlefield points drawn: %d (cap %d), traffic points: %d\n", window.battlefield()->drawnPoints(),
                window.battlefield()->maxPoints(), window.traffic()->drawnPoints());
    report("apply snapshot (models, series, axes)", apply);
    report("apply + paint of what changed (one tick)", painted);
    report("forced repaint of the whole window", forced);

    // Where a tick's time goes: one panel given a new snapshot, then the event loop's work.
    {
        using Draw = std::function<void(const analytics::DashboardSnapshotPtr&)>;
        const std::pair<const char*, Draw> parts[] = {
            {"  tick: battlefield only", [&](const auto& s) { window.battlefield()->showSnapshot(s); }},
            {"  tick: traffic only", [&](const auto& s) { window.traffic()->showSnapshot(*s); }},
            {"  tick: key figures only", [&](const auto& s) { window.kpis()->showSnapshot(*s); }},
            {"  tick: leaderboards only", [&](const auto& s) { window.leaderboards()->showSnapshot(*s); }},
            {"  tick: breakdowns only", [&](const auto& s) { window.breakdowns()->showSnapshot(*s); }}};
        for (const auto& [name, draw] : parts) {
            std::vector<double> ms;
            for (int r = 0; r < 20; ++r) {
                QElapsedTimer timer;
                timer.start();
                draw(variants[std::size_t(r % 2)]);
                app.processEvents();
                ms.push_back(double(timer.nsecsElapsed()) / 1e6);
            }
            report(name, ms);
        }
    }

    // Where the paint time goes: each panel repainted on its own.
    const std::pair<const char*, QWidget*> panels[] = {
        {"  repaint battlefield", window.battlefield()}, {"  repaint traffic", window.traffic()},
        {"  repaint key figures", window.kpis()},        {"  repaint leaderboards", window.leaderboards()},
        {"  repaint breakdowns", window.breakdowns()}};
    for (const auto& [name, widget] : panels) {
        std::vector<double> ms;
        for (int r = 0; r < 20; ++r) {
            QElapsedTimer timer;
            timer.start();
            widget->repaint();
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        report(name, ms);
    }

    // Event-loop probe: a 5 ms timer's lateness while the engine is fed and ticks every 250 ms,
    // and the window draws every snapshot (all on this thread: the worst case).
    analytics::AnalyticsEngine live(config);
    QObject::connect(&live, &analytics::AnalyticsEngine::snapshotReady, &window, &ui::MainWindow::showSnapshot);
    live.setRefreshInterval(250);
    live.start();
    std::vector<double> gaps;
    QElapsedTimer probe;
    probe.start();
    QTimer tick;
    tick.setInterval(5);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        gaps.push_back(double(probe.nsecsElapsed()) / 1e6);
        probe.restart();
    });
    tick.start();
    std::size_t fed = 0;
    QTimer feeder;
    feeder.setInterval(50);
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        // 50 events per 50 ms: 1,000 events/s of real events with live times.
        auto batch = std::make_shared<event::EventBatch>();
        for (int i = 0; i < 50; ++i, ++fed) {
            event::EditEvent e = events[fed % events.size()];
            e.timeMs = QDateTime::currentMSecsSinceEpoch();
            e.idHash = fed + 1;
            batch->push_back(std::move(e));
        }
        live.onBatch(batch);
    });
    feeder.start();
    QTimer::singleShot(10'000, &app, &QApplication::quit);
    app.exec();
    report("event-loop probe: interval of a 5 ms timer", gaps);
    std::printf("events fed: %zu\n", fed);
    return 0;
}
