#pragma once
// History views (GUI thread): events per minute over the last 24 h, per hour over the last 7
// days and a weekday x hour heatmap over 4 weeks, in total or for one wiki. The panel does not
// own the store: it emits requests (connect them to HistoryStore's request slots, queued) and
// draws the answers, ignoring any answer that is not the one it asked for last.

#include "store/StoreTypes.h"

#include <QList>
#include <QPointF>
#include <QStringList>
#include <QVector>
#include <QWidget>
#include <functional>

QT_BEGIN_NAMESPACE
class QAreaSeries;
class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QTimer;
class QValueAxis;
QT_END_NAMESPACE

namespace wt::store {
class HistoryStore;
}

namespace wt::ui {

class WeekdayHeatmapWidget;

class HistoryPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr qint64 kMinuteSpanMs = 24LL * 3600 * 1000;       // minute chart: last 24 h
    static constexpr qint64 kHourSpanMs = 7LL * 24 * 3600 * 1000;     // hourly chart: last 7 days
    static constexpr qint64 kHeatmapSpanMs = 28LL * 24 * 3600 * 1000; // heatmap: last 4 weeks

    explicit HistoryPanel(QWidget* parent = nullptr);

    // Connects the three requests to the store's slots and its answers back (queued when the
    // store lives on the storage thread, direct in tests). The store must outlive the panel or
    // be disconnected first.
    void connectStore(store::HistoryStore* store);

    QString wiki() const { return m_wiki; } // empty = all wikis
    // "Now" for the timer and wiki changes: wall clock by default; replay can pass its clock.
    void setClock(std::function<qint64()> clock);
    void setRefreshIntervalMs(int ms); // 0 stops the timer; 60 s by default

    // Inspection, for tests and the lead's wiring.
    QList<QPointF> minutePoints() const; // step shape: two points (start, end) per bucket
    QList<QPointF> hourPoints() const;   // step shape: two points per hour
    const QVector<store::MinutePoint>& minutes() const { return m_minutes; }
    const QVector<store::HourPoint>& hours() const { return m_hours; }
    bool minuteChartShowsEmptyState() const;
    QString minuteToolTip(qint64 ms) const; // what hovering the minute chart at ms shows
    QString hourToolTip(qint64 ms) const;
    WeekdayHeatmapWidget* heatmapWidget() const { return m_heatmap; }
    QComboBox* wikiChooser() const { return m_wikiBox; }

public slots:
    void setKnownWikis(const QStringList& wikis);
    void setWiki(const QString& wiki); // "" or "All wikis" = total
    void refresh(qint64 nowMs);        // asks for all three views ending at nowMs
    void onMinutesReady(quint64 requestId, const QVector<wt::store::MinutePoint>& points);
    void onHourlyReady(quint64 requestId, const QVector<wt::store::HourPoint>& points);
    void onHeatmapReady(quint64 requestId, const wt::store::WeekdayHeatmap& heatmap);

signals:
    // Argument order matches HistoryStore's request slots, so they connect one to one.
    void minutesRequested(qint64 fromMs, qint64 toMs, const QString& wiki, quint64 requestId);
    void hourlyRequested(qint64 fromMs, qint64 toMs, const QString& wiki, quint64 requestId);
    void heatmapRequested(const QString& wiki, qint64 fromMs, qint64 toMs, quint64 requestId);
    void wikiChanged(const QString& wiki);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct TimeChart {
        QChart* chart = nullptr;
        QChartView* view = nullptr;
        QLineSeries* line = nullptr;    // the counts (upper edge of the filled area)
        QLineSeries* gapLine = nullptr; // full height where WikiTide was not recording
        QAreaSeries* area = nullptr;
        QAreaSeries* gap = nullptr;
        QDateTimeAxis* x = nullptr;
        QValueAxis* y = nullptr;
        QLabel* empty = nullptr;
        QWidget* box = nullptr; // view with the empty-state text laid over it
    };
    TimeChart makeChart(const QString& yTitle, const QString& emptyText);
    void applyLooks();
    QString hoverText(const TimeChart& c, double x, qint64 stepMs, const QString& unit) const;
    void commitWikiText();
    void drawMinutes();
    void drawHours();
    int plotWidth(const TimeChart& c) const;
    static quint64 nextRequestId();

    QComboBox* m_wikiBox = nullptr;
    QLabel* m_caption = nullptr;
    QList<QLabel*> m_headings;
    TimeChart m_minuteChart;
    TimeChart m_hourChart;
    WeekdayHeatmapWidget* m_heatmap = nullptr;
    QTimer* m_timer = nullptr;
    QTimer* m_redraw = nullptr; // coalesces redraws after resizes
    std::function<qint64()> m_clock;

    QString m_wiki;
    qint64 m_nowMs = 0;
    bool m_stale = true; // a timer tick was skipped while hidden, or never refreshed
    quint64 m_minutesId = 0;
    quint64 m_hourlyId = 0;
    quint64 m_heatmapId = 0;
    QVector<store::MinutePoint> m_minutes;
    QVector<store::HourPoint> m_hours;
    qint64 m_minutesFromMs = 0;
    qint64 m_minutesToMs = 0;
    qint64 m_hoursFromMs = 0;
    qint64 m_hoursToMs = 0;
};

} // namespace wt::ui
