#pragma once
// Traffic over the lookback (GUI thread): events/s with humans and bots stacked, and bytes
// added/removed below. Points are averaged down to the plot's pixel width before replace().

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

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyLooks();

    QChart* m_rateChart = nullptr;
    QChart* m_bytesChart = nullptr;
    QChartView* m_rateView = nullptr;
    QChartView* m_bytesView = nullptr;
    QLineSeries* m_zero = nullptr;
    QLineSeries* m_human = nullptr;
    QLineSeries* m_total = nullptr;
    QLineSeries* m_added = nullptr;
    QLineSeries* m_removed = nullptr;
    QAreaSeries* m_humanArea = nullptr;
    QAreaSeries* m_botArea = nullptr;
    QAreaSeries* m_addedArea = nullptr;
    QAreaSeries* m_removedArea = nullptr;
    QDateTimeAxis* m_rateX = nullptr;
    QValueAxis* m_rateY = nullptr;
    QDateTimeAxis* m_bytesX = nullptr;
    QValueAxis* m_bytesY = nullptr;
    int m_drawnPoints = 0;
};

} // namespace wt::ui
