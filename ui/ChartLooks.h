#pragma once
// Chart colours and theme derived from the widget palette (GUI thread), so charts follow the
// system's light or dark look instead of hard-coded white.

#include <QColor>
#include <QPalette>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace wt::ui::looks {

bool isDark(const QPalette& palette);
// Applies a light/dark chart theme, then the palette's own window and text colours.
void applyTo(QChart* chart, const QPalette& palette);
QColor additions(const QPalette& palette);
QColor removals(const QPalette& palette);
QColor neutral(const QPalette& palette);
QColor humans(const QPalette& palette);
QColor bots(const QPalette& palette);
// A chart view without a frame, on the palette's background. Antialiasing only where curves
// need it: axis-aligned steps, grid lines and pre-rendered markers look the same without it,
// and software antialiasing of long paths is what made a refresh slow.
void prepareView(QChartView* view, bool antialiased = true);

} // namespace wt::ui::looks
