#include "ScatterLayer.h"

#include <QChart>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QWidget>
#include <algorithm>
#include <cmath>

namespace wt::ui {

ScatterLayer::ScatterLayer(QChart* chart) : QGraphicsObject(chart), m_chart(chart)
{
    // Above the series and grid, below nothing the user needs: markers are the content here.
    setZValue(10);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    m_plot = chart->plotArea();
    connect(chart, &QChart::plotAreaChanged, this, &ScatterLayer::plotAreaChanged);
}

void ScatterLayer::plotAreaChanged(const QRectF& plot)
{
    prepareGeometryChange();
    m_plot = plot;
    update();
}

void ScatterLayer::setMarkers(const std::vector<Marker>& markers)
{
    m_markers = markers;
    m_spriteRatio = 0; // re-rendered at the next paint, at the device's pixel ratio
    update();
}

void ScatterLayer::setPoints(std::vector<Point> points, double xMin, double xMax, double yMin, double yMax)
{
    m_points = std::move(points);
    m_xMin = xMin;
    m_xMax = xMax > xMin ? xMax : xMin + 1;
    m_yMin = yMin;
    m_yMax = yMax > yMin ? yMax : yMin + 1;
    update();
}

QPointF ScatterLayer::positionOf(double x, double y) const
{
    return {m_plot.left() + (x - m_xMin) / (m_xMax - m_xMin) * m_plot.width(),
            m_plot.bottom() - (y - m_yMin) / (m_yMax - m_yMin) * m_plot.height()};
}

QRectF ScatterLayer::boundingRect() const
{
    double pad = 0;
    for (const Marker& m : m_markers)
        pad = std::max(pad, m.diameter);
    return m_plot.adjusted(-pad, -pad, pad, pad);
}

void ScatterLayer::renderSprites(qreal ratio)
{
    m_sprites.clear();
    for (const Marker& m : m_markers) {
        const int side = int(std::ceil(m.diameter * ratio)) + 2;
        QPixmap sprite(side, side);
        sprite.fill(Qt::transparent);
        QPainter p(&sprite);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(m.color);
        p.drawEllipse(QRectF(1, 1, m.diameter * ratio, m.diameter * ratio));
        p.end();
        sprite.setDevicePixelRatio(ratio);
        m_sprites.push_back(sprite);
    }
    m_spriteRatio = ratio;
}

void ScatterLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget* widget)
{
    const qreal ratio = widget ? widget->devicePixelRatioF() : painter->device()->devicePixelRatioF();
    if (m_spriteRatio != ratio || m_sprites.size() != m_markers.size())
        renderSprites(ratio);
    painter->save();
    painter->setClipRect(m_plot);
    // Big markers first, so small ones stay visible on top of them.
    std::vector<int> order(m_sprites.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
        return m_markers[std::size_t(a)].diameter > m_markers[std::size_t(b)].diameter;
    });
    for (int pass : order) {
        const QPixmap& sprite = m_sprites[std::size_t(pass)];
        const double half = (sprite.width() / ratio) / 2.0;
        for (const Point& p : m_points) {
            if (p.style != pass)
                continue;
            const QPointF at = positionOf(p.x, p.y);
            painter->drawPixmap(QPointF(at.x() - half, at.y() - half), sprite);
        }
    }
    painter->restore();
}

} // namespace wt::ui
