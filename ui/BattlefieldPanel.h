#pragma once
// The battlefield (GUI thread): a live scatter of recent edits, x = time, y = signed byte change
// on a symmetric log scale, marker size by impact. Hover and click are resolved on the view
// (nearest point found here), never via QScatterSeries::clicked, which crashes in Qt 6.4.2.
// Points go to OpenGL scatter series where a context works; elsewhere one ScatterLayer item
// paints them all, because software scatter series cost one graphics item per point.

#include <QChartView>
#include <QUrl>
#include <vector>

#include "analytics/DashboardSnapshot.h"

QT_BEGIN_NAMESPACE
class QScatterSeries;
class QDateTimeAxis;
class QCategoryAxis;
QT_END_NAMESPACE

namespace wt::ui {

class ScatterLayer;

class BattlefieldPanel : public QChartView {
    Q_OBJECT
public:
    // allowOpenGl=false is --no-opengl; even when true, OpenGL is used only if a context works.
    explicit BattlefieldPanel(bool allowOpenGl, QWidget* parent = nullptr);

    void showSnapshot(const analytics::DashboardSnapshotPtr& snapshot);
    bool usesOpenGl() const { return m_openGl; }
    int drawnPoints() const { return int(m_drawn.size()); }
    int recentIndexOfDrawn(int drawnIndex) const { return m_drawn[std::size_t(drawnIndex)].recent; }
    int maxPoints() const { return m_maxPoints; }

    // True where an OpenGL context can be created and made current (never on "offscreen").
    static bool openGlAvailable();
    static double symlog(double delta);
    // The recent edit nearest to a viewport position within a few pixels, or -1.
    int editAt(const QPoint& viewportPos) const;
    QPoint viewportPosOfDrawn(int drawnIndex) const;
    // The diff URL of a recent edit if it may be opened (https, Wikimedia host), else invalid.
    QUrl diffUrlOf(int recentIndex) const;
    QString describe(int recentIndex) const;

signals:
    void openUrlRequested(const QUrl& url);

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Drawn {
        double x = 0;
        double y = 0;
        int recent = 0; // index into m_snapshot->recent
    };
    void applyLooks();
    void updateYAxis(int decades);
    QPointF chartPosOf(double x, double y) const;

    static constexpr int kColors = 3; // additions, removals, zero
    static constexpr int kSizes = 3;
    QScatterSeries* m_series[kColors][kSizes] = {}; // OpenGL only
    ScatterLayer* m_layer = nullptr;                  // software only
    QDateTimeAxis* m_x = nullptr;
    QCategoryAxis* m_y = nullptr;
    int m_decades = 0;
    double m_xMin = 0, m_xMax = 1;
    bool m_openGl = false;
    int m_maxPoints = 2000;
    analytics::DashboardSnapshotPtr m_snapshot;
    std::vector<Drawn> m_drawn;
    QPoint m_pressPos;
};

} // namespace wt::ui
