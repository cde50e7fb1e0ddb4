#include "ChartLooks.h"

#include <QChart>
#include <QChartView>
#include <QAbstractAxis>

namespace wt::ui::looks {

bool isDark(const QPalette& palette) { return palette.color(QPalette::Window).lightness() < 128; }

void applyTo(QChart* chart, const QPalette& palette)
{
    chart->setTheme(isDark(palette) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette.brush(QPalette::Window));
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(palette.brush(QPalette::WindowText));
    chart->legend()->setLabelColor(palette.color(QPalette::WindowText));
    chart->setMargins(QMargins(2, 2, 2, 2));
    QColor grid = palette.color(QPalette::WindowText);
    grid.setAlpha(40);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(palette.color(QPalette::WindowText));
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
        axis->setTitleBrush(palette.brush(QPalette::WindowText));
    }
}

QColor additions(const QPalette& palette)
{
    return isDark(palette) ? QColor(0x4c, 0xc2, 0x6b) : QColor(0x1a, 0x8a, 0x3a);
}
QColor removals(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xf0, 0x6a, 0x5f) : QColor(0xc6, 0x28, 0x28);
}
QColor neutral(const QPalette& palette)
{
    return isDark(palette) ? QColor(0x9a, 0x9a, 0x9a) : QColor(0x80, 0x80, 0x80);
}
QColor humans(const QPalette& palette)
{
    return isDark(palette) ? QColor(0x5a, 0x9b, 0xe6) : QColor(0x2a, 0x6f, 0xc9);
}
QColor bots(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xe0, 0xa2, 0x3c) : QColor(0xd0, 0x84, 0x10);
}

void prepareView(QChartView* view, bool antialiased)
{
    view->setRenderHint(QPainter::Antialiasing, antialiased);
    view->setFrameShape(QFrame::NoFrame);
    view->setBackgroundRole(QPalette::Window);
}

} // namespace wt::ui::looks
