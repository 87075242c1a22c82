// Builds the JupyterLab front end that ./lab serves: one bundle from index.js into ./build, plus the assets the
// extensions listed in package.json ship (settings schemas, themes, their style entry), which
// @jupyterlab/builder copies next to it. A development bundle without source maps: it builds in about a minute on
// two cores, where minifying would take several; the server sends it once per page load, on the same machine.
const path = require('path');
const webpack = require('webpack');
const svgToDataUri = require('mini-svg-data-uri');
const { Build } = require('@jupyterlab/builder');
const { jupyterlab } = require('./package.json');

const output = path.resolve(__dirname, 'build');

const assets = Build.ensureAssets({
  packageNames: [...jupyterlab.extensions, ...jupyterlab.mimeExtensions],
  output
});

const bundle = {
  entry: './index.js',
  output: { path: output, filename: 'bundle.js' },
  mode: 'development',
  devtool: false,
  bail: true,
  performance: { hints: false },
  module: {
    rules: [
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.html$/, type: 'asset/resource' },
      { test: /\.md$/, type: 'asset/source' },
      { test: /\.(jpg|png|gif)$/, type: 'asset/resource' },
      { test: /\.js\.map$/, type: 'asset/resource' },
      { test: /\.(woff2?|ttf)(\?v=\d+\.\d+\.\d+)?$/, type: 'asset' },
      { test: /\.eot(\?v=\d+\.\d+\.\d+)?$/, type: 'asset/resource' },
      // An icon referenced from CSS becomes a data URI; one imported by code is its SVG text.
      {
        test: /\.svg(\?v=\d+\.\d+\.\d+)?$/,
        issuer: /\.css$/,
        type: 'asset/inline',
        generator: { dataUrl: (content) => svgToDataUri(content.toString()) }
      },
      { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.js$/, type: 'asset/source' }
    ]
  },
  plugins: [
    // Some packages call process.cwd() (the path polyfill); in the browser there is no process.
    new webpack.DefinePlugin({ process: { cwd: () => '/', env: {} } })
  ]
};

module.exports = [bundle, ...assets];
