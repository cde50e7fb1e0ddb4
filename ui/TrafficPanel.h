#pragma once
// Traffic over the lookback (GUI thread): events/s with humans and bots stacked, and bytes
// added/removed beside or below it (whichever fits the panel's shape). Points are averaged down
// to the plot's pixel width before replace(). The part of the lookback that came from stored
// minutes (start full) is shaded and named in the legend.

#include <QWidget>

#include "analytics/DashboardSnapshot.h"

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QLineSeries;
class QAreaSeries;
class QDateTimeAxis;
class QValueAxis;
QT_END_NAMESPACE

namespace wt::ui {

class TrafficPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrafficPanel(QWidget* parent = nullptr);
    void showSnapshot(const analytics::DashboardSnapshot& snapshot);
    // Points handed to the human series at the last update (for tests and the benchmark).
    int drawnPoints() const { return m_drawnPoints; }
    // True while the "from history" band is shown (for tests).
    bool showsHistoryBand() const;
    QChart* rateChart() const { return m_rateChart; }
    QChart* bytesChart() const { return m_bytesChart; }

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void applyLooks();
    void setHistoryBand(double fromMs, double toMs, double top);

    QChart* m_rateChart = nullptr;
    QChart* m_bytesChart = nullptr;
    QChartView* m_rateView = nullptr;
    QChartView* m_bytesView = nullptr;
    QLineSeries* m_zero = nullptr;
    QLineSeries* m_human = nullptr;
    QLineSeries* m_total = nullptr;
    QLineSeries* m_added = nullptr;
    QLineSeries* m_removed = nullptr;
    QLineSeries* m_addedZero = nullptr;
    QLineSeries* m_removedZero = nullptr;
    QLineSeries* m_historyTop = nullptr;
    QLineSeries* m_historyBottom = nullptr;
    QAreaSeries* m_historyArea = nullptr;
    QAreaSeries* m_humanArea = nullptr;
    QAreaSeries* m_botArea = nullptr;
    QAreaSeries* m_addedArea = nullptr;
    QAreaSeries* m_removedArea = nullptr;
    QDateTimeAxis* m_rateX = nullptr;
    QValueAxis* m_rateY = nullptr;
    QDateTimeAxis* m_bytesX = nullptr;
    QValueAxis* m_bytesY = nullptr;
    int m_drawnPoints = 0;
    double m_bytesScale = 0; // 1, 1e3, 1e6: the unit of the bytes axis
};

} // namespace wt::ui
