// The history views against a real SQLite history file filled from the real recordings: every
// recentchange event in tests/data is parsed, moved into "the last days" before a fixed now
// (keeping its time of day), bucketed into closed minutes (total and per wiki) for the spans
// WikiTide "was running", stored, and then asked for by a real panel offscreen.

#include "HistoryPanel.h"
#include "WeekdayHeatmapWidget.h"
#include "ingest/IngestChain.h"
#include "store/HistoryStore.h"
#include "support/Recordings.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>
#include <map>
#include <set>

using namespace wt;
using wt::ui::HistoryPanel;
using wt::ui::WeekdayHeatmapWidget;

namespace {

constexpr qint64 kMin = 60'000;
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kNow = 1'741'793'840'000;  // 2025-03-12T15:37:20Z, a Wednesday
constexpr qint64 kEnd = kNow - kNow % kMin; // the last closed minute ends here
const QString kWiki = QStringLiteral("enwiki");

// Spans in which WikiTide "was recording": every minute inside is stored, with or without events.
// The third one is a week before the first, so some heatmap cells average over two weeks.
const std::vector<std::pair<qint64, qint64>> kSessions = {
    {kEnd - 20 * kHour, kEnd},
    {kEnd - 96 * kHour, kEnd - 60 * kHour},
    {kEnd - 186 * kHour, kEnd - 174 * kHour},
};

bool inSession(qint64 t)
{
    for (const auto& [from, to] : kSessions)
        if (t >= from && t < to)
            return true;
    return false;
}

void count(analytics::MinuteCounts& c, const event::EditEvent& e)
{
    ++c.events;
    if (e.has(event::Flag::Bot))
        ++c.bots;
    else if (e.has(event::Flag::Anonymous))
        ++c.anonymous;
    else if (e.has(event::Flag::Temporary))
        ++c.temporary;
    else
        ++c.registered;
    if (e.delta > 0)
        c.bytesAdded += e.delta;
    else
        c.bytesRemoved -= e.delta;
    if (e.has(event::Flag::NewPage))
        ++c.newPages;
    ++c.byType[std::size_t(e.type)];
}

// What the test stored, kept independently of the store to check both against it.
struct History {
    std::map<qint64, analytics::MinuteCounts> total; // every covered minute
    std::map<qint64, std::map<std::string, analytics::MinuteCounts>> perWiki;
    QStringList wikis;

    std::uint64_t events(qint64 minute, const QString& wiki) const
    {
        if (wiki.isEmpty()) {
            auto it = total.find(minute);
            return it == total.end() ? 0 : it->second.events;
        }
        auto it = perWiki.find(minute);
        if (it == perWiki.end())
            return 0;
        auto w = it->second.find(wiki.toStdString());
        return w == it->second.end() ? 0 : w->second.events;
    }
    bool covered(qint64 minute) const { return total.count(minute) > 0; }
};

History buildHistory()
{
    History h;
    for (const auto& [from, to] : kSessions)
        for (qint64 m = from; m < to; m += kMin)
            h.total[m] = {};
    ingest::IngestChain chain;
    event::EventBatch events;
    for (const QString& file : test::recordingFiles())
        for (const std::string& line : test::recordingLines(file))
            chain.process(line, events);
    std::set<std::string> wikis;
    // Copy d lays the corpus over the day d days back. An event keeps its real minute and second
    // within the hour (so real bursts stay bursts); its hour comes from its id hash, because
    // the recordings span years and would otherwise pile into a few hours. Each copy keeps a
    // different share of the events, so that days differ.
    for (int d = 0; d < 9; ++d) {
        const qint64 dayStart = kEnd - (d + 1) * kDay;
        const std::uint64_t keep = 4 + std::uint64_t(d * 3) % 5; // 4..8 eighths
        for (const event::EditEvent& e : events) {
            if ((e.idHash >> 16) % 8 >= keep)
                continue;
            const qint64 inHour = ((e.timeMs % kHour) + kHour) % kHour;
            const qint64 t = dayStart + qint64((e.idHash >> 32) % 24) * kHour + inHour;
            if (!inSession(t))
                continue;
            const qint64 minute = t - t % kMin;
            count(h.total[minute], e);
            count(h.perWiki[minute][e.wiki], e);
            wikis.insert(e.wiki);
        }
    }
    for (const auto& w : wikis)
        h.wikis << QString::fromStdString(w);
    return h;
}

analytics::MinuteSummaryPtr summary(const History& h, qint64 minute)
{
    auto m = std::make_shared<analytics::MinuteSummary>();
    m->minuteStartMs = minute;
    m->total = h.total.at(minute);
    auto it = h.perWiki.find(minute);
    if (it != h.perWiki.end())
        for (const auto& [wiki, counts] : it->second) // std::map: sorted by wiki name
            m->perWiki.push_back({wiki, counts});
    return m;
}

void wire(HistoryPanel& panel, store::HistoryStore& store)
{
    panel.connectStore(&store);
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x26, 0x28, 0x2b), base(0x1c, 0x1d, 0x20), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    return p;
}

} // namespace

class HistoryPanelTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void minuteChartHoldsStoredCounts();
    void minuteChartAveragesWhenNarrow();
    void hourlyChartSumsMinutes();
    void choosingWikiShowsItsCounts();
    void heatmapCellsEqualStore();
    void staleAnswersAreIgnored();
    void emptyHistoryShowsEmptyState();
    void screenshots();

private:
    std::unique_ptr<HistoryPanel> shownPanel(QSize size);
    void checkMinutes(const HistoryPanel& panel, const QString& wiki, bool exact);
    QString sparseWiki() const;

    QTemporaryDir m_dir;
    History m_history;
    std::unique_ptr<store::HistoryStore> m_store;
};

void HistoryPanelTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_history = buildHistory();
    QVERIFY2(m_history.wikis.contains(kWiki), "the recordings must contain enwiki edits");
    store::HistoryStoreConfig config;
    config.database.path = m_dir.filePath(QStringLiteral("history.sqlite"));
    config.clock = [] { return kNow; };
    m_store = std::make_unique<store::HistoryStore>(config);
    QVERIFY(m_store->openNow());
    std::uint64_t stored = 0;
    for (const auto& [minute, counts] : m_history.total) {
        m_store->storeMinute(summary(m_history, minute));
        stored += counts.events;
    }
    QVERIFY(m_store->commitNow());
    QVERIFY2(stored > 10'000, qPrintable(QStringLiteral("only %1 events stored").arg(stored)));
    QCOMPARE(m_store->stats().minutesDropped, quint64(0));
}

// The wiki with the most recorded hours that has at least a few recorded hours without any edit.
QString HistoryPanelTest::sparseWiki() const
{
    QString best;
    int bestBusy = 0;
    for (const QString& wiki : m_history.wikis) {
        std::map<qint64, std::uint64_t> hours; // recorded hour -> the wiki's events
        for (const auto& [minute, counts] : m_history.total)
            hours[minute - minute % kHour] += m_history.events(minute, wiki);
        int busy = 0, quiet = 0;
        for (const auto& [hour, events] : hours)
            (events > 0 ? busy : quiet)++;
        if (quiet >= 5 && busy > bestBusy) {
            best = wiki;
            bestBusy = busy;
        }
    }
    return best;
}

std::unique_ptr<HistoryPanel> HistoryPanelTest::shownPanel(QSize size)
{
    auto panel = std::make_unique<HistoryPanel>();
    panel->setClock([] { return kNow; });
    panel->setRefreshIntervalMs(0);
    wire(*panel, *m_store);
    panel->resize(size);
    panel->show();
    if (!QTest::qWaitForWindowExposed(panel.get()))
        return nullptr;
    QTest::qWait(120); // the charts' own layout, then the panel's coalesced redraw
    panel->refresh(kNow);
    return panel;
}

// Each bucket of the minute chart against the minutes the test stored: with exact, one bucket
// per minute; otherwise the bucket's value is the mean over its covered minutes.
void HistoryPanelTest::checkMinutes(const HistoryPanel& panel, const QString& wiki, bool exact)
{
    const QList<QPointF> points = panel.minutePoints();
    QVERIFY(points.size() >= 2 && points.size() % 2 == 0);
    QCOMPARE(qint64(points.first().x()), kEnd - kDay);
    QCOMPARE(qint64(points.last().x()), kEnd);
    if (exact)
        QCOMPARE(points.size(), 2 * 1440);
    else
        QVERIFY(points.size() < 2 * 1440);
    for (qsizetype i = 0; i < points.size(); i += 2) {
        const qint64 from = qint64(points[i].x());
        const qint64 to = qint64(points[i + 1].x());
        QCOMPARE(points[i].y(), points[i + 1].y());
        double sum = 0;
        int covered = 0;
        for (qint64 m = from; m < to; m += kMin) {
            if (m_history.covered(m)) {
                sum += double(m_history.events(m, wiki));
                ++covered;
            }
        }
        const double expected = covered ? sum / covered : 0.0;
        if (!qFuzzyCompare(1 + points[i].y(), 1 + expected))
            QFAIL(qPrintable(QStringLiteral("bucket at %1: %2 drawn, %3 stored")
                                 .arg(QDateTime::fromMSecsSinceEpoch(from, QTimeZone::utc())
                                          .toString(Qt::ISODate))
                                 .arg(points[i].y())
                                 .arg(expected)));
    }
}

void HistoryPanelTest::minuteChartHoldsStoredCounts()
{
    auto panel = shownPanel(QSize(3400, 800)); // wider than 1,440 minutes: one bucket per minute
    QVERIFY(panel);
    checkMinutes(*panel, QString(), true);
    if (QTest::currentTestFailed())
        return;
    // The same values the store gives (the panel's copy is the store's answer, drawn unchanged).
    const auto stored = m_store->minutes(kEnd - kDay, kEnd, QString());
    QCOMPARE(panel->minutes().size(), stored.size());
    const QList<QPointF> points = panel->minutePoints();
    int nonZero = 0;
    for (qsizetype i = 0; i < stored.size(); ++i) {
        QCOMPARE(points[2 * i].y(), double(stored[i].counts.events));
        nonZero += stored[i].counts.events > 0;
    }
    QVERIFY2(nonZero > 300, qPrintable(QStringLiteral("only %1 minutes with events").arg(nonZero)));
    QVERIFY(!panel->minuteChartShowsEmptyState());

    // Hovering says the same, and says where WikiTide was not recording.
    const auto busiest =
        std::max_element(stored.begin(), stored.end(), [](const auto& a, const auto& b) {
            return a.counts.events < b.counts.events;
        });
    const QString tip = panel->minuteToolTip(busiest->minuteStartMs + 30'000);
    QVERIFY2(tip.endsWith(QStringLiteral(": %1 events/min")
                              .arg(QLocale().toString(qulonglong(busiest->counts.events)))),
             qPrintable(tip));
    QVERIFY(tip.startsWith(
        QDateTime::fromMSecsSinceEpoch(busiest->minuteStartMs).toString(QStringLiteral("HH:mm"))));
    QVERIFY(panel->minuteToolTip(kEnd - 22 * kHour).endsWith(QStringLiteral("not recorded")));
}

void HistoryPanelTest::minuteChartAveragesWhenNarrow()
{
    auto panel = shownPanel(QSize(900, 700));
    QVERIFY(panel);
    checkMinutes(*panel, QString(), false);
}

void HistoryPanelTest::hourlyChartSumsMinutes()
{
    auto panel = std::unique_ptr<HistoryPanel>();
    {
        panel = std::make_unique<HistoryPanel>();
        panel->setClock([] { return kNow; });
        panel->setRefreshIntervalMs(0);
        wire(*panel, *m_store);
        panel->resize(1200, 800);
        panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(panel.get()));
        QTest::qWait(120);
    }
    QSignalSpy requests(panel.get(), &HistoryPanel::hourlyRequested);
    panel->refresh(kNow);
    QCOMPARE(requests.count(), 1);
    const qint64 firstHour = requests.first().at(0).toLongLong();
    const qint64 endHour = requests.first().at(1).toLongLong();
    QCOMPARE(endHour, kNow - kNow % kHour + kHour); // up to the hour in progress
    QVERIFY(endHour - firstHour > 6 * kDay && endHour - firstHour <= 7 * kDay);
    QCOMPARE(QDateTime::fromMSecsSinceEpoch(firstHour).time(), QTime(0, 0)); // a local midnight
    const int n = int((endHour - firstHour) / kHour);
    const QList<QPointF> points = panel->hourPoints();
    QCOMPARE(points.size(), 2 * n);
    int uncovered = 0;
    for (int i = 0; i < n; ++i) {
        const qint64 hour = firstHour + i * kHour;
        QCOMPARE(qint64(points[2 * i].x()), hour);
        QCOMPARE(qint64(points[2 * i + 1].x()), hour + kHour);
        std::uint64_t sum = 0;
        bool covered = false;
        for (qint64 m = hour; m < hour + kHour; m += kMin) {
            sum += m_history.events(m, QString());
            covered = covered || m_history.covered(m);
        }
        uncovered += !covered;
        QCOMPARE(points[2 * i].y(), double(sum));
    }
    QVERIFY2(uncovered > 50 && uncovered < n - 50, "the week has recorded and unrecorded hours");
}

void HistoryPanelTest::choosingWikiShowsItsCounts()
{
    auto panel = shownPanel(QSize(3400, 800));
    QVERIFY(panel);
    panel->setKnownWikis(m_history.wikis);
    QCOMPARE(panel->wikiChooser()->count(), m_history.wikis.size() + 1);
    QSignalSpy requests(panel.get(), &HistoryPanel::minutesRequested);
    QSignalSpy changed(panel.get(), &HistoryPanel::wikiChanged);

    // As a user does it: type the name into the chooser and press Enter.
    QLineEdit* edit = panel->wikiChooser()->lineEdit();
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("EnWiki"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(panel->wiki(), kWiki);
    QCOMPARE(changed.count(), 1);
    QVERIFY(requests.count() >= 1);
    QCOMPARE(requests.last().at(2).toString(), kWiki);
    checkMinutes(*panel, kWiki, true);
    if (QTest::currentTestFailed())
        return;

    // The wiki's series differs from the total where other wikis edited: the test can fail.
    int differing = 0;
    for (const auto& [minute, counts] : m_history.total)
        differing += minute >= kEnd - kDay && counts.events != m_history.events(minute, kWiki);
    QVERIFY(differing > 100);

    // Its hourly chart too.
    const QList<QPointF> hours = panel->hourPoints();
    for (qsizetype i = 0; i < hours.size(); i += 2) {
        std::uint64_t sum = 0;
        for (qint64 m = qint64(hours[i].x()); m < qint64(hours[i + 1].x()); m += kMin)
            sum += m_history.events(m, kWiki);
        QCOMPARE(hours[i].y(), double(sum));
    }

    // Back to all wikis from the list.
    const int before = requests.count();
    panel->wikiChooser()->setCurrentIndex(0);
    emit panel->wikiChooser()->activated(0);
    QCOMPARE(panel->wiki(), QString());
    QCOMPARE(requests.count(), before + 1);
    checkMinutes(*panel, QString(), true);
}

void HistoryPanelTest::heatmapCellsEqualStore()
{
    auto panel = shownPanel(QSize(1200, 800));
    QVERIFY(panel);
    // A wiki that edited in some recorded hours and not in others, so zero cells exist.
    const QString wiki = sparseWiki();
    QVERIFY2(!wiki.isEmpty(), "no wiki with both quiet and busy recorded hours");
    QSignalSpy requests(panel.get(), &HistoryPanel::heatmapRequested);
    panel->setKnownWikis(m_history.wikis);
    panel->setWiki(wiki);
    QCOMPARE(requests.count(), 1);
    const qint64 from = requests.first().at(1).toLongLong();
    const qint64 to = requests.first().at(2).toLongLong();
    QCOMPARE(to, kNow - kNow % kHour);
    QCOMPARE(to - from, 28 * kDay);

    // Expected from the test's own minutes, in the store's zone (the system zone by default).
    std::array<std::array<double, 24>, 7> minutes{}, events{};
    for (const auto& [minute, counts] : m_history.total) {
        if (minute < from || minute >= to)
            continue;
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(minute, QTimeZone::systemTimeZone());
        const int d = local.date().dayOfWeek() - 1, h = local.time().hour();
        minutes[d][h] += 1;
        events[d][h] += double(m_history.events(minute, wiki));
    }
    const store::WeekdayHeatmap fromStore = m_store->weekdayHeatmap(wiki, from, to);
    const WeekdayHeatmapWidget* map = panel->heatmapWidget();
    QCOMPARE(map->heatmap().wiki, wiki);
    int zeroCells = 0, uncoveredCells = 0, twoWeekCells = 0;
    for (int d = 0; d < 7; ++d) {
        for (int h = 0; h < 24; ++h) {
            const double expected = minutes[d][h] > 0 ? 60.0 * events[d][h] / minutes[d][h] : 0.0;
            QCOMPARE(map->isCovered(d, h), minutes[d][h] > 0);
            QCOMPARE(map->average(d, h), fromStore.average[d][h]);
            QVERIFY(qFuzzyCompare(1 + map->average(d, h), 1 + expected));
            zeroCells += map->isCovered(d, h) && map->average(d, h) == 0;
            uncoveredCells += !map->isCovered(d, h);
            if (fromStore.coveredHours[d][h] == 2.0) {
                ++twoWeekCells;
                QVERIFY2(map->cellToolTip(d, h).endsWith(
                             QStringLiteral("events/h average over 2 weeks")),
                         qPrintable(map->cellToolTip(d, h)));
            }
            if (!map->isCovered(d, h))
                QVERIFY(map->cellToolTip(d, h).contains(QStringLiteral("not recorded")));
        }
    }
    QVERIFY2(zeroCells > 0, "recorded hours without an edit of the wiki count as zero");
    QVERIFY(uncoveredCells > 0);
    QVERIFY(zeroCells + uncoveredCells < 7 * 24);
    QVERIFY(twoWeekCells > 0);

    // What is painted is what the cells say.
    const QImage shot = panel->grab().toImage();
    for (auto [d, h] : {std::pair{0, 0}, std::pair{2, 9}, std::pair{6, 23}}) {
        const QRect r = map->cellRect(d, h);
        const QPoint c = map->mapTo(panel.get(), r.center());
        if (map->isCovered(d, h))
            QCOMPARE(shot.pixelColor(c).rgb(), map->cellColor(d, h).rgb());
    }
}

void HistoryPanelTest::staleAnswersAreIgnored()
{
    HistoryPanel panel;
    panel.setClock([] { return kNow; });
    panel.setRefreshIntervalMs(0);
    QSignalSpy minuteReq(&panel, &HistoryPanel::minutesRequested);
    QSignalSpy hourReq(&panel, &HistoryPanel::hourlyRequested);
    QSignalSpy heatReq(&panel, &HistoryPanel::heatmapRequested);
    panel.refresh(kNow - kHour);
    panel.setWiki(kWiki); // supersedes the first requests
    QCOMPARE(minuteReq.count(), 2);
    const quint64 oldMinutes = minuteReq.at(0).at(3).toULongLong();
    const quint64 newMinutes = minuteReq.at(1).at(3).toULongLong();
    const quint64 oldHours = hourReq.at(0).at(3).toULongLong();
    const quint64 newHours = hourReq.at(1).at(3).toULongLong();
    const quint64 oldHeat = heatReq.at(0).at(3).toULongLong();
    const quint64 newHeat = heatReq.at(1).at(3).toULongLong();
    QVERIFY(oldMinutes != newMinutes);

    const auto totalMinutes = m_store->minutes(kEnd - kDay, kEnd, QString());
    const auto wikiMinutes = m_store->minutes(kEnd - kDay, kEnd, kWiki);
    panel.onMinutesReady(oldMinutes, totalMinutes);
    QVERIFY(panel.minutes().isEmpty());
    QVERIFY(panel.minuteChartShowsEmptyState());
    panel.onMinutesReady(newMinutes, wikiMinutes);
    QCOMPARE(panel.minutes().size(), wikiMinutes.size());
    // A late answer to the old request after the new one does not overwrite it.
    panel.onMinutesReady(oldMinutes, totalMinutes);
    panel.onMinutesReady(newMinutes + 1000, totalMinutes); // an id this panel never asked for
    for (qsizetype i = 0; i < wikiMinutes.size(); ++i)
        QCOMPARE(panel.minutes()[i].counts.events, wikiMinutes[i].counts.events);

    const auto hours = m_store->hourly(kEnd - 7 * kDay, kEnd, QString());
    panel.onHourlyReady(oldHours, hours);
    QVERIFY(panel.hours().isEmpty());
    panel.onHourlyReady(newHours, hours);
    QCOMPARE(panel.hours().size(), hours.size());

    const auto heat = m_store->weekdayHeatmap(QString(), kEnd - 28 * kDay, kEnd);
    panel.onHeatmapReady(oldHeat, heat);
    QVERIFY(!panel.heatmapWidget()->hasData());
    panel.onHeatmapReady(newHeat, heat);
    QVERIFY(panel.heatmapWidget()->hasData());
}

void HistoryPanelTest::emptyHistoryShowsEmptyState()
{
    store::HistoryStoreConfig config;
    config.database.path = m_dir.filePath(QStringLiteral("empty.sqlite"));
    config.clock = [] { return kNow; };
    store::HistoryStore empty(config);
    QVERIFY(empty.openNow());
    HistoryPanel panel;
    panel.setClock([] { return kNow; });
    panel.setRefreshIntervalMs(0);
    wire(panel, empty);
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel)); // the first show asks for history by itself
    QCOMPARE(panel.minutes().size(), 1440);
    QVERIFY(panel.minuteChartShowsEmptyState());
    QVERIFY(!panel.heatmapWidget()->hasData());
    const QString shots = qEnvironmentVariable("WT_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        QTest::qWait(120);
        QDir().mkpath(shots);
        QVERIFY(panel.grab().save(shots + QStringLiteral("/history_panel_empty.png")));
    }

    // The same panel on the filled store leaves the empty state.
    wire(panel, *m_store);
    panel.refresh(kNow);
    QVERIFY(!panel.minuteChartShowsEmptyState());
    QVERIFY(panel.heatmapWidget()->hasData());
}

void HistoryPanelTest::screenshots()
{
    const QString dir = qEnvironmentVariable("WT_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("WT_SCREENSHOT_DIR is not set");
    QDir().mkpath(dir);
    auto panel = shownPanel(QSize(1200, 800));
    QVERIFY(panel);
    panel->setKnownWikis(m_history.wikis);
    QVERIFY(panel->grab().save(dir + QStringLiteral("/history_panel.png")));

    panel->setPalette(darkPalette());
    panel->setWiki(kWiki);
    QTest::qWait(120);
    const QImage dark = panel->grab().toImage();
    QVERIFY(dark.save(dir + QStringLiteral("/history_panel_dark.png")));
    // The dark look really is dark: the panel's corner is the palette's window colour.
    QCOMPARE(dark.pixelColor(2, dark.height() - 2).rgb(),
             darkPalette().color(QPalette::Window).rgb());
}

QTEST_MAIN(HistoryPanelTest)
#include "tst_HistoryPanel.moc"
