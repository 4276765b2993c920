/// The HTML report's page: a Mustache template kept in the module so that the executable needs
/// no resource files. `{{{svg}}}` is the only unescaped value, built by `SVGChart` with its text escaped.
enum HTMLTemplate {
    static let page = """
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <style>
        @page { size: A4; margin: 16mm 14mm 18mm; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0 auto; max-width: 182mm; padding: 12px;
          font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
          font-size: 10.5pt; line-height: 1.5; color: #1f2328; }
        h1 { font-size: 18pt; margin: 0 0 4px; }
        h2 { font-size: 13pt; margin: 22px 0 8px; padding-bottom: 2px; border-bottom: 2px solid #2f6f9f; break-after: avoid; }
        .subtitle { color: #444; margin: 0; }
        .stamp { color: #666; font-size: 9pt; margin: 2px 0 0; }
        .note { color: #555; font-size: 9pt; margin: 0 0 8px; }
        figure { margin: 8px 0 14px; break-inside: avoid; }
        figcaption, caption { font-weight: bold; text-align: left; margin: 0 0 4px; break-after: avoid; }
        svg { display: block; max-width: 100%; height: auto; }
        svg text { font-family: inherit; font-size: 12px; fill: #1f2328; }
        svg text.small { font-size: 10px; }
        table { border-collapse: collapse; width: 100%; margin: 4px 0 14px; font-size: 9.5pt; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        th, td { border: 1px solid #c9ced6; padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: #eef3f8; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        /* Headings wrap, so that wide tables (nine money columns) leave room for the names. */
        th.num { white-space: normal; }
        td:first-child { min-width: 6.5em; }
        /* Totals print once, after the last row, not at the foot of every page. */
        tfoot { display: table-row-group; }
        tfoot td { font-weight: bold; background: #f6f8fa; }
        table.keep { break-inside: avoid; }
        footer { color: #888; font-size: 8pt; margin-top: 24px; }
        @media print { body { padding: 0; max-width: none; } section { break-before: auto; } }
        </style>
        </head>
        <body>
        <header>
        <h1>{{title}}</h1>
        <p class="subtitle">{{subtitle}}</p>
        {{#stamps}}
        <p class="stamp">{{.}}</p>
        {{/stamps}}
        </header>
        {{#sections}}
        <section id="{{id}}">
        <h2>{{title}}</h2>
        {{#note}}
        <p class="note">{{note}}</p>
        {{/note}}
        {{#blocks}}
        {{#chart}}
        <figure>
        <figcaption>{{title}}</figcaption>
        {{{svg}}}
        </figure>
        {{/chart}}
        {{#table}}
        <table{{#keep}} class="keep"{{/keep}}>
        <caption>{{title}}</caption>
        <thead><tr>{{#columns}}<th{{#numeric}} class="num"{{/numeric}}>{{title}}</th>{{/columns}}</tr></thead>
        <tbody>
        {{#rows}}
        <tr>{{#cells}}<td{{#numeric}} class="num"{{/numeric}}>{{text}}</td>{{/cells}}</tr>
        {{/rows}}
        </tbody>
        {{#totals}}
        <tfoot><tr>{{#cells}}<td{{#numeric}} class="num"{{/numeric}}>{{text}}</td>{{/cells}}</tr></tfoot>
        {{/totals}}
        </table>
        {{/table}}
        {{/blocks}}
        </section>
        {{/sections}}
        <footer>{{footer}}</footer>
        </body>
        </html>

        """
}
