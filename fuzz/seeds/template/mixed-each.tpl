# 注释
@title 标题

{{#each missing}}@item {{@index1}}. {{label}}：{{what}}{{#unless @last}}；{{/unless}}
{{/each}}

　　正文{{#each files}}{{#if @first}}首{{/if}}{{@index_cn}}{{title}}{{/each}}