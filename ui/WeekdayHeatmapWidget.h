#pragma once
// Weekday x hour heatmap of average events per hour (GUI thread): 7 rows Monday..Sunday, 24
// columns, a sequential colour scale taken from the palette, a legend and a tooltip per cell.
// It only draws a store::WeekdayHeatmap; the averaging (empty hours count as zero) is the store's.

#include "store/StoreTypes.h"

#include <QColor>
#include <QRect>
#include <QWidget>

namespace wt::ui {

class WeekdayHeatmapWidget : public QWidget {
    Q_OBJECT
public:
    explicit WeekdayHeatmapWidget(QWidget* parent = nullptr);

    void setHeatmap(const store::WeekdayHeatmap& heatmap);
    const store::WeekdayHeatmap& heatmap() const { return m_heatmap; }

    // weekday 0 = Monday .. 6 = Sunday, hour 0..23 (the store's time zone).
    bool isCovered(int weekday, int hour) const;
    double average(int weekday, int hour) const;
    QColor cellColor(int weekday, int hour) const;
    QString cellToolTip(int weekday, int hour) const;
    QRect cellRect(int weekday, int hour) const;   // in widget coordinates, for hover and tests
    double scaleMax() const { return m_scaleMax; } // the legend's top value
    bool hasData() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Geometry {
        QRect grid;      // the 7 x 24 cells
        QRect legendBar; // the colour ramp
        int labelWidth = 0;
        double cellW = 0;
        double cellH = 0;
    };
    Geometry geometry() const;
    QColor rampColor(double fraction) const; // 0..1 along the sequential scale
    QColor noDataColor() const;
    int cellAt(const QPoint& pos) const; // weekday * 24 + hour, or -1

    store::WeekdayHeatmap m_heatmap;
    double m_scaleMax = 0;
};

} // namespace wt::ui
