#pragma once
// The battlefield's points drawn by one graphics item inside the chart's scene (GUI thread):
// a single paint() stamps a pre-rendered marker per point, instead of one graphics item per
// point as QScatterSeries does without OpenGL. The chart keeps its axes; this maps values to
// the plot area with the same ranges.

#include <QGraphicsObject>
#include <QPixmap>
#include <vector>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace wt::ui {

class ScatterLayer : public QGraphicsObject {
    Q_OBJECT
public:
    struct Point {
        double x = 0;    // axis value (epoch ms)
        double y = 0;    // axis value (symlog of the change)
        quint8 style = 0; // index into the markers set with setMarkers()
    };
    struct Marker {
        QColor color;
        double diameter = 4; // logical pixels
    };

    explicit ScatterLayer(QChart* chart);

    void setMarkers(const std::vector<Marker>& markers);
    // Replaces every point and the value ranges they are drawn against; one repaint follows.
    void setPoints(std::vector<Point> points, double xMin, double xMax, double yMin, double yMax);
    int pointCount() const { return int(m_points.size()); }
    // Where a value lands in the chart's coordinates (what paint() uses).
    QPointF positionOf(double x, double y) const;

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void plotAreaChanged(const QRectF& plot);
    void renderSprites(qreal devicePixelRatio);

    QChart* m_chart;
    QRectF m_plot;
    std::vector<Marker> m_markers;
    std::vector<QPixmap> m_sprites;
    qreal m_spriteRatio = 0;
    std::vector<Point> m_points;
    double m_xMin = 0, m_xMax = 1, m_yMin = -1, m_yMax = 1;
};

} // namespace wt::ui
