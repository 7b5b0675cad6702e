// Draws the charts of the Chart component: options built in C# (ApexOptions), plus what JSON cannot
// carry: a formatter for each unit, and every name from a file or a user escaped, shown as text.
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdShort = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const countShort = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const month = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

const escapeHtml = value => String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const formats = {
    usd: { axis: v => usdShort.format(v), value: v => usd.format(v) },
    tokens: { axis: v => countShort.format(v), value: v => count.format(v) },
    count: { axis: v => countShort.format(v), value: v => count.format(v) },
    month: { axis: v => month.format(new Date(v)), value: v => month.format(new Date(v)) },
    day: { axis: v => day.format(new Date(v)), value: v => day.format(new Date(v)) },
    // Axis labels are SVG text, set as text by ApexCharts; the tooltip's title is HTML.
    category: { axis: v => String(v ?? ''), value: v => escapeHtml(v) },
};

function withFormats(options) {
    const units = options.units || {};
    delete options.units;
    const x = formats[units.x] || formats.category;
    const y = formats[units.y] || formats.count;
    const value = v => (v === null || v === undefined ? '–' : y.value(v));
    options.yaxis = Object.assign({}, options.yaxis, { labels: { formatter: v => y.axis(v) } });
    const xLabels = units.x === 'month' || units.x === 'day' ? options.xaxis.labels : Object.assign({}, options.xaxis.labels, { formatter: v => x.axis(v) });
    options.xaxis = Object.assign({}, options.xaxis, { labels: xLabels, tooltip: { enabled: false } });
    options.legend = Object.assign({}, options.legend, { formatter: name => escapeHtml(name) });
    options.tooltip = Object.assign({}, options.tooltip, {
        x: { formatter: v => x.value(v) },
        y: {
            formatter: (v, context) => {
                if (context && context.seriesIndex !== undefined && options.series[context.seriesIndex].type === 'rangeArea') {
                    const point = context.w.config.series[context.seriesIndex].data[context.dataPointIndex];
                    return point && point.y ? `${y.value(point.y[0])} – ${y.value(point.y[1])}` : '–';
                }
                return value(v);
            },
            title: { formatter: name => (name ? escapeHtml(name) + ': ' : '') },
        },
    });
    return options;
}

function withClicks(options, dotnet) {
    if (!dotnet) {
        return options;
    }
    const clicked = (seriesIndex, pointIndex) => {
        if (seriesIndex >= 0 && pointIndex >= 0) {
            dotnet.invokeMethodAsync('Clicked', seriesIndex, pointIndex);
        }
    };
    options.chart.events = {
        dataPointSelection: (e, c, config) => clicked(config.seriesIndex, config.dataPointIndex),
        markerClick: (e, c, config) => clicked(config.seriesIndex, config.dataPointIndex),
        dataPointMouseEnter: e => { if (e && e.target) e.target.style.cursor = 'pointer'; },
    };
    return options;
}

export function create(element, options, dotnet) {
    const chart = new ApexCharts(element, withClicks(withFormats(options), dotnet));
    chart.render();
    return { chart, dotnet };
}

export function update(handle, options) {
    handle.chart.updateOptions(withClicks(withFormats(options), handle.dotnet), true, false);
}

export function destroy(handle) {
    handle.chart.destroy();
}
