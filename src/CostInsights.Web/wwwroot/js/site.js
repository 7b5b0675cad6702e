// Draws every chart whose ApexCharts options the page carries as JSON, on load and after htmx swaps.
(function () {
    const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const usdShort = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });
    const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    const countShort = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

    function applyFormats(options) {
        const format = options.costinsights && options.costinsights.valueFormat;
        delete options.costinsights;
        if (format === 'usd') {
            options.yaxis = Object.assign({}, options.yaxis, { labels: { formatter: v => usdShort.format(v) } });
            options.tooltip = Object.assign({}, options.tooltip, { y: { formatter: v => usd.format(v) } });
        } else if (format === 'count') {
            options.yaxis = Object.assign({}, options.yaxis, { labels: { formatter: v => countShort.format(v) } });
            options.tooltip = Object.assign({}, options.tooltip, { y: { formatter: v => count.format(v) } });
        }
        return options;
    }

    // ApexCharts writes series names, category labels and tooltip titles into the page as HTML: every
    // such text is a name from a file or a user, so each of those places gets it escaped, shown as text.
    const escapeHtml = value => String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

    function escapeText(options) {
        options.legend = Object.assign({}, options.legend, { formatter: name => escapeHtml(name) });
        const tooltip = Object.assign({}, options.tooltip);
        tooltip.y = Object.assign({}, tooltip.y, { title: { formatter: name => (name ? escapeHtml(name) + ': ' : '') } });
        const datetime = options.xaxis && options.xaxis.type === 'datetime';
        if (!datetime) {
            tooltip.x = Object.assign({}, tooltip.x, { formatter: value => escapeHtml(value) });
            options.xaxis = Object.assign({}, options.xaxis, { tooltip: Object.assign({}, options.xaxis && options.xaxis.tooltip, { formatter: value => escapeHtml(value) }) });
        }
        options.tooltip = tooltip;
        return options;
    }

    function drawCharts(root) {
        root.querySelectorAll('script[data-chart-for]').forEach(script => {
            const target = document.getElementById(script.dataset.chartFor);
            if (!target || target.dataset.drawn) {
                return;
            }
            target.dataset.drawn = 'true';
            const chart = new ApexCharts(target, escapeText(applyFormats(JSON.parse(script.textContent))));
            chart.render();
        });
    }

    document.addEventListener('DOMContentLoaded', () => drawCharts(document));
    document.addEventListener('htmx:afterSwap', event => drawCharts(event.target));
})();
